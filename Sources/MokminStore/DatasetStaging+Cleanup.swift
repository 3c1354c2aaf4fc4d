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
            try drop(table, writer: writer)
            removed.append(table)
        }
        return removed
    }

    /// Drops a staging table: each index in a transaction of its own, then the table, so that freeing a large table's
    /// pages is split into several shorter transactions. Does nothing for a table that is gone (or was published:
    /// only indexes still on `table` are dropped).
    static func drop(_ table: String, writer: any DatabaseWriter) throws {
        let quoted = try SQLIdentifier.quoted(table)
        let indexes = try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", arguments: [table])
        }
        for index in indexes {
            let quotedIndex = try SQLIdentifier.quoted(index)
            try writer.write { db in
                let owner = try String.fetchOne(db, sql: "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [index])
                if owner == table { try db.execute(sql: "DROP INDEX \(quotedIndex)") }
            }
        }
        try writer.write { db in try db.execute(sql: "DROP TABLE IF EXISTS \(quoted)") }
    }
}
