import Foundation
import GRDB

extension DatasetStaging {
    /// Drops the staging tables whose import is no longer running (it crashed or was killed: its ``StagingLock`` is
    /// free), each with its indexes. A running import's table, in this process or another, is left alone.
    /// Returns the names of the tables dropped.
    @discardableResult
    static func removeAbandoned(writer: any DatabaseWriter, databasePath: String) throws -> [String] {
        let tables = try writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?", arguments: [tablePrefix + "*"])
        }
        var removed: [String] = []
        for table in tables where (try? SQLIdentifier.quoted(table)) != nil {
            guard let lock = StagingLock.takeOver(database: databasePath, table: table) else { continue }
            defer { lock.release() }
            do {
                try drop(table, writer: writer)
            } catch {
                throw MokminStoreError(ko: "가져오기가 남긴 표 \(table)을 지우지 못했습니다", en: "Could not drop \(table), left by an import that ended: \(error)")
            }
            removed.append(table)
        }
        return removed
    }

    /// Drops a staging table in short write transactions: its rows first, a range of row ids per transaction, then the
    /// empty table with its indexes. (Dropping a table of a million rows at once holds the writer for seconds:
    /// measured in BENCHMARKS.md, "Imports beside other writers".) Does nothing for a table that is gone, or was
    /// published meanwhile (and so renamed).
    static func drop(_ table: String, writer: any DatabaseWriter, pace: StagingPace = StagingPace()) throws {
        let quoted = try SQLIdentifier.quoted(table)
        let last = try writer.read { db -> Int64? in
            guard try db.tableExists(table) else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM \(quoted)") ?? 0
        }
        guard let last else { return }
        // Deleting costs about as much per row as inserting (the indexes too): ranges sized to the pace's time.
        var rows = pace.initialRows
        var deleted: Int64 = 0
        while deleted < last {
            let upTo = min(last, deleted + Int64(rows))
            let started = ContinuousClock.now
            let exists = try writer.write { db in
                guard try db.tableExists(table) else { return false }
                try db.execute(sql: "DELETE FROM \(quoted) WHERE rowid <= ?", arguments: [upTo])
                return true
            }
            guard exists else { return }
            rows = pace.nextRows(current: rows, rows: Int(upTo - deleted), seconds: seconds(ContinuousClock.now - started))
            deleted = upTo
        }
        try writer.write { db in try db.execute(sql: "DROP TABLE IF EXISTS \(quoted)") }
    }
}
