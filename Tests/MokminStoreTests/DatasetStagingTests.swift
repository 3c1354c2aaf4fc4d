import Foundation
import GRDB
import MokminBase
import MokminCore
import Testing

@testable import MokminStore

/// A new version's rows go into a staging table in short write transactions; one short transaction publishes them.
/// Until then the catalog shows nothing of them, and a failure or a crash leaves nothing behind.
@Suite struct DatasetStagingTests {
    /// A database file in a fresh folder (a pool, with lock files beside it), removed with the folder by the caller.
    static func fileDatabase() throws -> (AppDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try AppDatabase(path: folder.appendingPathComponent("city.sqlite").path), folder)
    }

    /// A repository whose imports commit every `rows` rows (a few hundred, so that small tests span transactions).
    static func repository(_ database: AppDatabase, rowsPerTransaction rows: Int = 300) -> GRDBDatasetRepository {
        var repository = GRDBDatasetRepository(database)
        repository.pace = StagingPace(transactionSeconds: 0.1, minimumPauseSeconds: 0, minimumRows: rows, initialRows: rows, maximumRows: rows)
        return repository
    }

    static let columns = DatasetRepositoryTests.columns

    /// `count` rows of ``columns`` from `start`: 측정소 0…49, PM10 = the row's number.
    static func batch(_ count: Int, from start: Int = 0) -> DatasetRowBatch {
        var batch = DatasetRowBatch(columnCount: columns.count, capacity: count)
        for i in start..<(start + count) {
            let row: [TypedValue] = [.text("측정소\(i % 50)"), .integer(Int64(i)), .date("2026-07-\(10 + i % 20)"), .boolean(i % 2 == 0)]
            batch.append(row[...], line: i + 2, region: i % 3 == 0 ? "3611025000" : nil, geometry: nil)
        }
        return batch
    }

    static func version(appendToLatest: Bool = false, uniqueKey: [String] = []) -> NewDatasetVersion {
        NewDatasetVersion(
            fileName: "air.csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: "analyst1",
            appendToLatest: appendToLatest, uniqueKey: uniqueKey)
    }

    static let audit = AuditEvent(actor: "analyst1", action: "dataset.import")

    /// What a reader sees: the staging tables, the rows committed in them, and the catalog's datasets.
    static func seen(_ database: AppDatabase) throws -> (staging: [String], rows: Int, datasets: Int) {
        try database.writer.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_stage_*'")
            let rows = try tables.reduce(0) { $0 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\($1)\"") ?? 0) }
            return (tables, rows, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dataset") ?? 0)
        }
    }

    static func lockFiles(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lock") }
    }

    @Test func rowsAreCommittedInShortTransactionsBeforeTheVersionExists() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = Self.repository(database)
        let during = Shared<[(staging: [String], rows: Int, datasets: Int)]>([])
        let version = try await repository.publish(DatasetRepositoryTests.air(), version: Self.version(), audit: Self.audit) { writer in
            for k in 0..<10 {
                try writer.append(Self.batch(100, from: k * 100))
                let seen = try Self.seen(database)
                during.update { $0.append(seen) }
            }
            return nil
        }
        let seen = during.value
        // One staging table, nothing in the catalog, and rows committed 300 at a time, while the rows came in.
        #expect(seen.allSatisfy { $0.staging.count == 1 && $0.datasets == 0 })
        #expect(seen.map(\.rows) == [0, 0, 300, 300, 300, 600, 600, 600, 900, 900])
        #expect(version.number == 1 && version.tableName == "ds_1_v1" && version.rowCount == 1000)
        let pm10 = try #require(version.profile.first { $0.label == "PM10" })  // profiled from the stored rows
        #expect(pm10.nonNullCount == 1000 && pm10.minimum == "0" && pm10.maximum == "999")
        let tail = try await repository.rows(of: version, query: RowQuery(offset: 998, limit: 5))
        #expect(tail.rows.map { $0[1] } == [.integer(998), .integer(999)] && tail.regions == [nil, "3611025000"])
        #expect(try Self.seen(database).staging.isEmpty)
        #expect(try Self.lockFiles(folder).isEmpty)
        // The version's indexes came along with the renamed table.
        let indexes = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ds_1_v1' AND name GLOB 'dsi_*'")
        }
        #expect(indexes.count == 2)  // _region and the date column
    }

    @Test func aFailureAfterSomeTransactionsDropsTheStagedRowsAndChangesNothing() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = Self.repository(database)
        let first = try await repository.publish(DatasetRepositoryTests.air(), version: Self.version(), audit: Self.audit) { writer in
            try writer.append(Self.batch(10))
            return nil
        }
        let revision = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT revision FROM catalogRevision") }
        struct Refused: Error {}
        let stagedBeforeFailing = Shared(0)
        await #expect(throws: Refused.self) {
            _ = try await repository.publish(DatasetRepositoryTests.air(title: "바뀐 제목"), version: Self.version(), audit: Self.audit) { writer in
                for k in 0..<8 { try writer.append(Self.batch(100, from: k * 100)) }
                let seen = try Self.seen(database)
                stagedBeforeFailing.update { $0 = seen.rows }
                throw Refused()
            }
        }
        #expect(stagedBeforeFailing.value == 600)
        #expect(try Self.seen(database).staging.isEmpty)
        #expect(try Self.lockFiles(folder).isEmpty)
        let record = try #require(try await repository.dataset(slug: "air-quality"))
        #expect(record.metadata.title == "대기질 측정 정보" && record.latest == first)
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT revision FROM catalogRevision") } == revision)
        let audits = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditLog WHERE action = 'dataset.import'")
        }
        #expect(audits == 1)
    }

    @Test func twoImportsOfOneDatasetStagedAtOnceBecomeVersionsOneAndTwo() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = Self.repository(database)
        // Both imports have stored their rows before either publishes: each waits (a while at most) for the other.
        let staged = DispatchGroup()
        staged.enter()
        staged.enter()
        let bothStaged = Shared(true)
        @Sendable func importing(from start: Int) async throws -> DatasetVersion {
            try await repository.publish(DatasetRepositoryTests.air(), version: Self.version(), audit: Self.audit) { writer in
                try writer.append(Self.batch(400, from: start))
                staged.leave()
                if staged.wait(timeout: .now() + 30) == .timedOut { bothStaged.update { $0 = false } }
                return nil
            }
        }
        async let a = importing(from: 0)
        async let b = importing(from: 100)
        let versions = try await [a, b].sorted { $0.number < $1.number }
        #expect(bothStaged.value, "the second import could not store rows while the first one was storing")
        #expect(versions.map(\.number) == [1, 2])
        #expect(Set(versions.map(\.tableName)) == ["ds_1_v1", "ds_1_v2"])
        // The second is compared with the first, whichever that was: 100 rows in each that the other lacks.
        #expect(versions[1].rowsAdded == 100 && versions[1].rowsRemoved == 100)
        #expect(try Self.seen(database).staging.isEmpty && Self.lockFiles(folder).isEmpty)
    }

    @Test func anAppendCopiesItsBaseInRangesAndIsRefusedWhenTheBaseWasReplacedMeanwhile() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = Self.repository(database, rowsPerTransaction: 256)
        _ = try await repository.publish(DatasetRepositoryTests.air(), version: Self.version(), audit: Self.audit) { writer in
            try writer.append(Self.batch(1000))
            return nil
        }
        // 1,000 rows copied in ranges of 256 row ids, then 200 rows of which 100 are new (the key is PM10).
        let append = Self.version(appendToLatest: true, uniqueKey: ["PM10"])
        let appended = try await repository.publish(DatasetRepositoryTests.air(), version: append, audit: Self.audit) { writer in
            try writer.append(Self.batch(200, from: 900))
            return nil
        }
        #expect(appended.number == 2 && appended.rowCount == 1100 && appended.rowsAdded == 100 && appended.rowsRemoved == 0)
        let pm10 = try #require(appended.profile.first { $0.label == "PM10" })
        #expect(pm10.nonNullCount == 1100 && pm10.maximum == "1099")
        // Nothing new: no version, and nothing left behind.
        await #expect(throws: DatasetUnchanged.self) {
            _ = try await repository.publish(DatasetRepositoryTests.air(), version: append, audit: Self.audit) { writer in
                try writer.append(Self.batch(50, from: 1000))
                return nil
            }
        }
        #expect(try Self.seen(database).staging.isEmpty)

        // Another import publishes while an append is being stored: the append's copy is stale, so it is refused.
        struct TimedOut: Error {}
        let error = await #expect(throws: MokminError.self) {
            _ = try await repository.publish(DatasetRepositoryTests.air(), version: append, audit: Self.audit) { writer in
                try writer.append(Self.batch(10, from: 5000))
                let published = DispatchSemaphore(value: 0)
                Task {
                    _ = try? await repository.publish(DatasetRepositoryTests.air(), version: Self.version(), audit: Self.audit) { writer in
                        try writer.append(Self.batch(5))
                        return nil
                    }
                    published.signal()
                }
                if published.wait(timeout: .now() + 30) == .timedOut { throw TimedOut() }
                return nil
            }
        }
        #expect(error?.kind == .conflict)
        let record = try #require(try await repository.dataset(slug: "air-quality"))
        #expect(record.latest?.number == 3 && record.latest?.rowCount == 5)
        #expect(try Self.seen(database).staging.isEmpty && Self.lockFiles(folder).isEmpty)
    }

    @Test func abandonedStagingTablesAreDroppedWhenTheDatabaseIsOpenedAndARunningImportsTableIsKept() throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try #require(database.path)
        let running = try DatasetStaging.begin(
            writer: database.writer, databasePath: path, slug: "air-quality", version: Self.version(), pace: StagingPace())
        try running.store([Self.batch(50)])
        // Two imports that died in the middle: one left its lock file (free, as its process is gone), one left none.
        try database.writer.write { db in
            for table in ["ds_stage_dead1", "ds_stage_dead2"] {
                try db.execute(sql: "CREATE TABLE \(table) (_row INTEGER PRIMARY KEY, c1 TEXT)")
                try db.execute(sql: "CREATE INDEX \(table.replacingOccurrences(of: "ds_stage_", with: "dsi_"))_c1 ON \(table) (c1)")
                try db.execute(sql: "INSERT INTO \(table) (c1) VALUES ('남은 행')")
            }
        }
        _ = FileManager.default.createFile(atPath: StagingLock.path(database: path, table: "ds_stage_dead1"), contents: nil)

        let reopened = try AppDatabase(path: path)
        #expect(try Self.seen(reopened).staging == [running.table])
        #expect(try Self.lockFiles(folder) == ["city.sqlite-\(running.table).lock"])
        let leftIndexes = try reopened.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name GLOB 'dsi_dead*'")
        }
        #expect(leftIndexes == 0)
        #expect(try reopened.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
        running.discard()
        #expect(try Self.seen(reopened).staging.isEmpty && Self.lockFiles(folder).isEmpty)
    }
}
