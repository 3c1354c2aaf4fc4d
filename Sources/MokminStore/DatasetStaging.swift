import Foundation
import GRDB
import MokminBase
import MokminCore

/// A new version on its way into the store: a table `ds_stage_<token>` that no catalog row references, filled in
/// short write transactions, then published in one short transaction (``publish(_:audit:report:profile:)``, which
/// renames it `ds_<dataset>_v<number>`) or dropped (``discard()``).
///
/// Between two of its transactions the writer is free, so sign-ins, feed readings and alerts wait at most about one
/// transaction (``StagingPace``). Nothing but the importing thread uses a staging: it is not thread-safe.
final class DatasetStaging: @unchecked Sendable {
    static let tablePrefix = "ds_stage_"

    let writer: any DatabaseWriter
    let version: NewDatasetVersion
    /// `ds_stage_<token>`; its indexes are `dsi_<token>_…` (SQLite cannot rename an index, so they keep the
    /// import's token once the table is renamed).
    let table: String
    let quotedTable: String
    /// For `appendToLatest`: the version whose rows were copied first; it must still be the newest at publication.
    let base: DatasetVersion?
    var pace: StagingPace
    private let lock: StagingLock?
    private let insertSQL: String
    /// The stored columns, quoted, in the order of `insertSQL`.
    private let columnList: String
    private(set) var copiedRows = 0
    private(set) var insertedRows = 0
    /// How many rows the next transaction should store (adapts to the measured speed).
    private(set) var rowsPerTransaction: Int
    private var lastCommit: ContinuousClock.Instant?

    private init(
        writer: any DatabaseWriter, version: NewDatasetVersion, table: String, base: DatasetVersion?, pace: StagingPace, lock: StagingLock?
    ) throws {
        self.writer = writer
        self.version = version
        self.table = table
        self.quotedTable = try SQLIdentifier.quoted(table)
        self.base = base
        self.pace = pace
        self.lock = lock
        rowsPerTransaction = pace.initialRows
        let names = try ["_line", "_region", "_geometry"] + version.columns.map { try SQLIdentifier.quoted($0.sqlName) }
        columnList = names.joined(separator: ", ")
        let verb = version.uniqueKey.isEmpty ? "INSERT" : "INSERT OR IGNORE"
        insertSQL = "\(verb) INTO \(quotedTable) (\(columnList)) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    /// Checks the version against the dataset's newest one, removes abandoned staging tables, and creates this
    /// import's table with its indexes (one short transaction). `databasePath` is nil for an in-memory database.
    static func begin(
        writer: any DatabaseWriter, databasePath: String?, slug: String, version: NewDatasetVersion, pace: StagingPace
    ) throws -> DatasetStaging {
        if let databasePath { try removeAbandoned(writer: writer, databasePath: databasePath) }
        let keys = try version.uniqueKey.map { label in
            guard let c = version.columns.first(where: { $0.label == label }) else {
                throw MokminError(.invalidInput, ko: "중복 판단 열 '\(label)'이 없습니다", en: "The key column '\(label)' does not exist")
            }
            return try SQLIdentifier.quoted(c.sqlName)
        }
        var base: DatasetVersion?
        if version.appendToLatest {
            base = try writer.read { db in try GRDBDatasetRepository.latestVersion(db, slug: slug) }
            if let base, !sameColumns(base.columns, version.columns) {
                throw MokminError(
                    .invalidInput, ko: "열이 이전 버전과 다릅니다: \(base.columns.map(\.label).joined(separator: ", "))",
                    en: "The columns differ from the previous version's: \(base.columns.map(\.label).joined(separator: ", "))")
            }
        }
        let token = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let table = tablePrefix + token
        let lock = try databasePath.map { try StagingLock.acquire(database: $0, table: table) }
        let staging = try DatasetStaging(writer: writer, version: version, table: table, base: base, pace: pace, lock: lock)
        do {
            try writer.write { db in try staging.createTable(db, token: token, keys: keys) }
        } catch {
            lock?.release()
            throw error
        }
        return staging
    }

    private func createTable(_ db: Database, token: String, keys: [String]) throws {
        var definitions = ["_row INTEGER PRIMARY KEY", "_line INTEGER NOT NULL", "_region TEXT", "_geometry TEXT"]
        for column in version.columns { definitions.append("\(try SQLIdentifier.quoted(column.sqlName)) \(column.type.sqlType)") }
        try db.execute(sql: "CREATE TABLE \(quotedTable) (\(definitions.joined(separator: ", ")))")
        let prefix = "dsi_\(token)_"
        if !keys.isEmpty {
            try db.execute(sql: "CREATE UNIQUE INDEX \(try SQLIdentifier.quoted(prefix + "key")) ON \(quotedTable) (\(keys.joined(separator: ", ")))")
        }
        // The indexes exist before the rows come in: filling them row by row costs less than three scans of the
        // full table afterwards (measured in BENCHMARKS.md, "Third round"), also when the rows are in no order.
        try db.execute(sql: "CREATE INDEX \(try SQLIdentifier.quoted(prefix + "region")) ON \(quotedTable) (_region)")
        // Codes and dates are what people filter on: index them so that previews and datastore_search stay fast.
        for column in version.columns where [.regionCode, .date, .dateTime].contains(column.type) {
            let name = try SQLIdentifier.quoted(prefix + column.sqlName)
            try db.execute(sql: "CREATE INDEX \(name) ON \(quotedTable) (\(try SQLIdentifier.quoted(column.sqlName)))")
        }
    }

    /// For `appendToLatest`: copies the base version's rows first, a range of row ids per transaction (the base
    /// version's table never changes, so the ranges add up to all of it).
    func copyBase() throws {
        guard let base else { return }
        let old = try SQLIdentifier.quoted(base.tableName)
        let last = try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(_row) FROM \(old)") } ?? 0
        let copy = "INSERT OR IGNORE INTO \(quotedTable) (\(columnList)) SELECT \(columnList) FROM \(old) WHERE _row > ? AND _row <= ? ORDER BY _row"
        var after: Int64 = 0
        while after < last {
            let upTo = min(last, after + Int64(rowsPerTransaction))
            copiedRows += try transaction(rows: Int(upTo - after)) { db in
                try db.execute(sql: copy, arguments: [after, upTo])
                return db.changesCount
            }
            after = upTo
        }
    }

    /// Stores `batches` in one write transaction, each value bound straight to SQLite by one prepared statement.
    func store(_ batches: [DatasetRowBatch]) throws {
        let rows = batches.reduce(0) { $0 + $1.count }
        guard rows > 0 else { return }
        insertedRows += try transaction(rows: rows) { db in
            var binder = StatementRowWriter(statement: try db.makeStatement(sql: insertSQL), columnCount: version.columns.count)
            for batch in batches {
                for i in 0..<batch.count {
                    try binder.append(batch.row(i), line: batch.lines[i], region: batch.regions[i], geometry: batch.geometries[i])
                }
            }
            return binder.inserted
        }
    }

    /// One write transaction of the import: after the pause the pace asks for, then timed (from the moment it holds
    /// the writer) to size the next one.
    private func transaction<T>(rows: Int, _ body: (Database) throws -> T) throws -> T {
        if let lastCommit {
            let pause = Duration.seconds(pace.minimumPauseSeconds) - (ContinuousClock.now - lastCommit)
            if pause > .zero { Thread.sleep(forTimeInterval: Self.seconds(pause)) }
        }
        var started = ContinuousClock.now
        let result = try writer.write { db in
            started = ContinuousClock.now
            return try body(db)
        }
        let now = ContinuousClock.now
        lastCommit = now
        rowsPerTransaction = pace.nextRows(current: rowsPerTransaction, rows: rows, seconds: Self.seconds(now - started))
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Drops the table (an import that failed or was refused) and lets its lock go. Never throws: a table that
    /// cannot be dropped now is abandoned, and removed when the database is next opened.
    func discard() {
        try? Self.drop(table, writer: writer, pace: pace)
        lock?.release()
    }

    /// Lets the lock go once the table was renamed into place.
    func finished() {
        lock?.release()
    }

    static func sameColumns(_ a: [DatasetColumn], _ b: [DatasetColumn]) -> Bool {
        a.map { [$0.label, $0.type.rawValue] } == b.map { [$0.label, $0.type.rawValue] }
    }
}
