import Dispatch
import Foundation
import GRDB
import MokminCore
import MokminStore
import Synchronization
import Testing

/// Token checks read without the one writer, and record a token's use once a minute.
@Suite struct APITokenRepositoryTests {
    struct Kit {
        let database: AppDatabase
        let tokens: GRDBAPITokenRepository
        let token: APIToken
        let folder: URL
    }

    static func kit() async throws -> Kit {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try AppDatabase(path: folder.appendingPathComponent("db.sqlite").path)
        let user = try await GRDBUserRepository(database).create(
            login: "wall", name: "상황실", role: .official, passwordHash: "x", audit: AuditEvent(actor: nil, action: "user.add"))
        let tokens = GRDBAPITokenRepository(database)
        let token = try await tokens.create(
            userID: user.id, label: "시장실 벽면", tokenHash: "hash-1", displayOnly: true, audit: AuditEvent(actor: nil, action: "token.create"))
        return Kit(database: database, tokens: tokens, token: token, folder: folder)
    }

    static func lastUse(_ kit: Kit) async throws -> Date? {
        try await kit.database.writer.read { db in
            try Date.fetchOne(db, sql: "SELECT lastUsedAt FROM apiToken WHERE id = ?", arguments: [kit.token.id])
        }
    }

    @Test func aTokenCheckDoesNotWaitForALongWrite() async throws {
        let kit = try await Self.kit()
        defer { try? FileManager.default.removeItem(at: kit.folder) }
        let start = Date()
        _ = try await kit.tokens.authenticate(tokenHash: "hash-1", now: start)  // records the use

        // Hold the writer, as an import's transaction does, until the check below has finished (or 20 s passed).
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let gaveUp = Atomic<Bool>(false)
        let hold = Task {
            try await kit.database.writer.write { _ in
                holding.signal()
                if release.wait(timeout: .now() + 20) == .timedOut { gaveUp.store(true, ordering: .sequentiallyConsistent) }
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                holding.wait()
                continuation.resume()
            }
        }
        let found = try await kit.tokens.authenticate(tokenHash: "hash-1", now: start.addingTimeInterval(5))
        release.signal()
        try await hold.value
        #expect(found?.token.id == kit.token.id)
        #expect(found?.user.login == "wall")
        let waited = gaveUp.load(ordering: .sequentiallyConsistent)
        #expect(!waited, "the token check waited for the writer")
    }

    @Test func useIsRecordedOnceAMinuteAndRevokedTokensFail() async throws {
        let kit = try await Self.kit()
        defer { try? FileManager.default.removeItem(at: kit.folder) }
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try await Self.lastUse(kit) == nil)
        _ = try await kit.tokens.authenticate(tokenHash: "hash-1", now: start)
        #expect(try await Self.lastUse(kit) == start)
        _ = try await kit.tokens.authenticate(tokenHash: "hash-1", now: start.addingTimeInterval(30))
        #expect(try await Self.lastUse(kit) == start, "a second use within the minute is not written")
        let later = start.addingTimeInterval(61)
        let found = try await kit.tokens.authenticate(tokenHash: "hash-1", now: later)
        #expect(found?.token.lastUsedAt == later)
        #expect(try await Self.lastUse(kit) == later)

        #expect(try await kit.tokens.authenticate(tokenHash: "no-such-hash", now: later) == nil)
        try await kit.tokens.revoke(id: kit.token.id, audit: AuditEvent(actor: nil, action: "token.revoke"))
        #expect(try await kit.tokens.authenticate(tokenHash: "hash-1", now: later.addingTimeInterval(1)) == nil)
    }
}
