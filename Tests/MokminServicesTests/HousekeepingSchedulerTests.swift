import Foundation
import Logging
import MokminCore
import MokminStore
import Testing

@testable import MokminServices

/// The hourly housekeeping: expired sessions and day-old upload drafts go; live ones stay.
@Suite struct HousekeepingSchedulerTests {
    @Test func expiredSessionsAndOldDraftsAreRemoved() async throws {
        let repositories = Repositories.grdb(try AppDatabase.inMemory())
        let user = try await repositories.users.create(
            login: "kim", name: "김민지", role: .official, passwordHash: "h", audit: AuditEvent(actor: nil, action: "user.add"))
        let audit = AuditEvent(actor: "kim", action: "login")
        try await repositories.sessions.create(idHash: "live", userID: user.id, csrfToken: "a", expiresAt: Date().addingTimeInterval(3600), audit: audit)
        try await repositories.sessions.create(idHash: "over", userID: user.id, csrfToken: "b", expiresAt: Date().addingTimeInterval(-60), audit: audit)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-drafts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let drafts = ImportDrafts(directory: folder)
        let old = try drafts.create(), fresh = try drafts.create()
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: drafts.folder(old).path)

        var scheduler = HousekeepingScheduler(sessions: repositories.sessions, drafts: drafts, logger: Logger(label: "test"))
        scheduler.interval = .seconds(3600)
        let running = Task { try await scheduler.run() }
        defer { running.cancel() }
        // The first round runs at once; wait for it (bounded), then look.
        for _ in 0..<200 where FileManager.default.fileExists(atPath: drafts.folder(old).path) {
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(!FileManager.default.fileExists(atPath: drafts.folder(old).path))
        #expect(FileManager.default.fileExists(atPath: drafts.folder(fresh).path))
        #expect(try await repositories.sessions.deleteExpired(now: Date()) == 0, "the expired session was already removed")
        #expect(try await repositories.sessions.find(idHash: "live", now: Date()) != nil)
    }
}
