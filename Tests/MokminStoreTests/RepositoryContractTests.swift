import Foundation
import MokminCore
import MokminStore
import MokminTestSupport
import Testing

/// What every store must do for the repositories that had no tests of their own: written against the protocols
/// (`Repositories`), so that a second store (PostgreSQL) can be held to the same contract.
@Suite struct RepositoryContractTests {
    static func repositories() throws -> Repositories { .grdb(try AppDatabase.inMemory()) }
    static func audit(_ action: String) -> AuditEvent { AuditEvent(actor: "admin", action: action) }

    @Test(arguments: StoreKind.available) func harvestsKeepTheirKeyToThemselvesAndRecordRuns(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let created = try await store.harvests.create(
                NewHarvest(
                    datasetSlug: "air", url: "https://apis.data.go.kr/air", format: "json", serviceKey: "SECRET", intervalMinutes: 60,
                    uniqueKey: ["stationName", "dataTime"]),
                audit: Self.audit("harvest.add"))
            #expect(created.hasServiceKey && created.uniqueKey == ["stationName", "dataTime"] && created.lastRunAt == nil)
            #expect(try await store.harvests.serviceKey(id: created.id) == "SECRET")
            #expect(try await store.harvests.list().map(\.id) == [created.id])

            let at = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.harvests.recordRun(id: created.id, at: at, error: nil, rowsAdded: 12)
            var found = try #require(try await store.harvests.find(id: created.id))
            #expect(found.lastRunAt == at && found.lastSuccessAt == at && found.lastRowsAdded == 12 && found.lastError == nil)
            try await store.harvests.recordRun(id: created.id, at: at.addingTimeInterval(60), error: "timed out", rowsAdded: nil)
            found = try #require(try await store.harvests.find(id: created.id))
            #expect(found.lastError == "timed out" && found.lastSuccessAt == at, "a failed run keeps the last success")

            try await store.harvests.remove(id: created.id, audit: Self.audit("harvest.remove"))
            #expect(try await store.harvests.find(id: created.id) == nil)
            #expect(try await store.harvests.list().isEmpty)
            let actions = try await store.audit.recent(limit: 10).map(\.action)
            #expect(actions.contains("harvest.add") && actions.contains("harvest.remove"), "each change is audited: \(actions)")
        }
    }

    @Test(arguments: StoreKind.available) func analysisRunsMoveFromQueuedToAFinalStateOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let run = try await store.analyses.create(kind: .shelter, title: "대피소", parameters: "{}", audit: Self.audit("analysis.queue"))
            #expect(run.status == .queued && !run.shared)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await store.analyses.start(id: run.id, at: start))
            #expect(try await store.analyses.start(id: run.id, at: start) == false, "a run starts once")
            try await store.analyses.progress(id: run.id, fraction: 0.5, message: "반")
            #expect(try await store.analyses.run(id: run.id)?.progress == 0.5)
            try await store.analyses.finish(id: run.id, result: #"{"ok":true}"#, at: start.addingTimeInterval(5))
            let done = try #require(try await store.analyses.run(id: run.id))
            #expect(done.status == .done && done.result == #"{"ok":true}"# && done.finishedAt == start.addingTimeInterval(5))
            #expect(try await store.analyses.cancel(id: run.id, at: start.addingTimeInterval(6), audit: Self.audit("analysis.cancel")) == false)

            // Shared runs are what officials list; an unfinished run is failed when the server starts again.
            try await store.analyses.setShared(id: run.id, shared: true, audit: Self.audit("analysis.share"))
            let other = try await store.analyses.create(kind: .evSiting, title: "충전소", parameters: "{}", audit: Self.audit("analysis.queue"))
            #expect(try await store.analyses.list(sharedOnly: true, limit: 10).map(\.id) == [run.id])
            #expect(Set(try await store.analyses.list(sharedOnly: false, limit: 10).map(\.id)) == [run.id, other.id])
            #expect(try await store.analyses.failUnfinished(at: start) == 1)
            #expect(try await store.analyses.run(id: other.id)?.status == .failed)
        }
    }

    @Test(arguments: StoreKind.available) func sessionsExpireAndEndWithTheirAccount(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let user = try await store.users.create(login: "kim", name: "김민지", role: .official, passwordHash: "h", audit: Self.audit("user.add"))
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.sessions.create(
                idHash: "a", userID: user.id, csrfToken: "c1", expiresAt: now.addingTimeInterval(3600), audit: Self.audit("login"))
            try await store.sessions.create(
                idHash: "b", userID: user.id, csrfToken: "c2", expiresAt: now.addingTimeInterval(-1), audit: Self.audit("login"))
            #expect(try await store.sessions.find(idHash: "a", now: now)?.csrfToken == "c1")
            #expect(try await store.sessions.find(idHash: "b", now: now) == nil, "an expired session is not found")
            #expect(try await store.sessions.deleteExpired(now: now) == 1)
            try await store.sessions.delete(idHash: "a", audit: Self.audit("logout"))
            #expect(try await store.sessions.find(idHash: "a", now: now) == nil)

            try await store.sessions.create(
                idHash: "c", userID: user.id, csrfToken: "c3", expiresAt: now.addingTimeInterval(3600), audit: Self.audit("login"))
            try await store.users.disable(login: "kim", audit: Self.audit("user.disable"))
            #expect(try await store.sessions.find(idHash: "c", now: now) == nil, "disabling an account ends its sessions")
        }
    }

    @Test(arguments: StoreKind.available) func theAuditLogCountsAndListsNewestFirst(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for i in 0..<5 {
                try await store.audit.record(
                    AuditEvent(
                        actor: nil, action: "login.failure", target: "kim", origin: i < 3 ? "10.0.0.1" : "10.0.0.2",
                        at: start.addingTimeInterval(Double(i))))
            }
            let recent = try await store.audit.recent(limit: 2)
            #expect(recent.count == 2 && recent[0].at > recent[1].at)
            #expect(try await store.audit.count(action: "login.failure", target: "kim", origin: nil, since: start) == 5)
            #expect(try await store.audit.count(action: "login.failure", target: "kim", origin: "10.0.0.1", since: start) == 3)
            #expect(try await store.audit.count(action: "login.failure", target: nil, origin: nil, since: start.addingTimeInterval(3)) == 2)
        }
    }

    @Test(arguments: StoreKind.available) func settingsAreReadWrittenAndUpdatedAtomically(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            #expect(try await store.settings.value(for: "inside.hosts") == nil)
            try await store.settings.set("a.test", for: "inside.hosts", audit: Self.audit("settings.change"))
            #expect(try await store.settings.value(for: "inside.hosts") == "a.test")
            // Twenty concurrent read-modify-writes lose nothing.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        _ = try await store.settings.update(for: "counter") { old in
                            (String((Int(old ?? "0") ?? 0) + 1), i == 0 ? Self.audit("x") : nil)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.settings.value(for: "counter") == "20")
            // A refused change leaves the value as it was.
            struct Refused: Error {}
            await #expect(throws: Refused.self) { _ = try await store.settings.update(for: "counter") { _ in throw Refused() } }
            #expect(try await store.settings.value(for: "counter") == "20")
        }
    }
}
