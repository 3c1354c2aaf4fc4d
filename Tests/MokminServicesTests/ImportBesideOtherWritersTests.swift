import Foundation
import GRDB
import MokminCore
import MokminDemo
import MokminIngest
import MokminServices
import MokminStore
import Testing

/// An import of many rows shares SQLite's one writer: sign-ins (which write a session) and feed readings that come
/// while its rows are being stored go through before it is published, not after.
@Suite struct ImportBesideOtherWritersTests {
    /// Enough rows that storing them takes seconds in a debug build.
    static let rows = 20_000

    @Test func signInsAndFeedReadingsAreStoredWhileALargeImportIsStoredAndAfter() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-beside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A database file (a pool: readers beside the one writer), as the server has.
        let database = try AppDatabase(path: folder.appendingPathComponent("city.sqlite").path)
        let repositories = Repositories.grdb(database)
        let accounts = AccountService(repositories: repositories, hasher: PasswordHasher(cost: 4))
        _ = try await accounts.createUser(login: "kim", name: "김민지", role: .official, password: "correct-horse", actor: nil)
        let feed = try await repositories.feeds.create(
            NewFeed(name: "대기질", kind: .airKorea, url: "simulator:air", intervalSeconds: 60, staleAfterSeconds: 600),
            audit: AuditEvent(actor: "admin", action: "feed.add"))
        let csv = folder.appendingPathComponent("living.csv")
        try LivingPopulationSample.writeCSV(to: csv, rows: Self.rows, dongCodes: ["36110250", "36110310", "36110330"], encoding: .utf8, seed: 3)

        // The import stops after its first batch until the test has signed in twice: had the import kept SQLite's
        // writer, those sign-ins would wait behind it and be committed after it.
        let datasets = ObservedDatasetRepository(repositories.datasets, holdingAfterFirstBatch: true)
        let importer = ImportService(datasets: datasets, regions: RegionService(repositories: repositories))
        let finished = Shared(false)
        let importing = Task {
            defer { finished.update { $0 = true } }
            return try await importer.run(
                ImportService.Request(
                    file: csv, metadata: DatasetMetadata(slug: "living", title: "생활인구"), options: ReaderOptions(format: .csv), actor: "analyst"))
        }
        // In the middle of the import: its second pass has handed rows to the store.
        while datasets.rowsSeen == 0 && !finished.value { try await Task.sleep(for: .milliseconds(5)) }
        #expect(datasets.rowsSeen > 0, "the import ended before it stored a row")

        var hour = 0
        /// One feed reading, then one sign-in (each waits for the writer); the sign-in's audit entry dates both.
        func readingThenSignIn() async throws {
            let reading = FeedReading(
                series: "air/조치원읍/pm10", source: "조치원읍", metric: "pm10", value: Double(40 + hour), time: "2026-07-28T1\(hour):00:00")
            hour += 1
            let outcome = try await repositories.feeds.ingest(feedID: feed.id, readings: [reading], issues: 0, at: Date())
            #expect(outcome.stored == 1)
            let user = try await accounts.authenticate(login: "kim", password: "correct-horse", origin: "127.0.0.1")
            _ = try await accounts.startSession(for: user, origin: "127.0.0.1")
        }
        try await readingThenSignIn()
        try await readingThenSignIn()
        datasets.release()
        let outcome = try await importing.value
        #expect(outcome.version?.rowCount == Self.rows)
        try await readingThenSignIn()

        // The order in which the writes were committed: the audit log's ids only grow.
        let order = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditLog WHERE action IN ('login.success', 'dataset.import') ORDER BY id")
        }
        #expect(order == ["login.success", "login.success", "dataset.import", "login.success"])
        let readings = try await repositories.feeds.readings(series: ["air/조치원읍/pm10"], since: "2026-07-28T00:00:00")
        #expect(readings["air/조치원읍/pm10"]?.map(\.value) == [40, 41, 42])
    }
}
