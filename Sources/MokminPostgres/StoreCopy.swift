import Foundation
import GRDB
import Logging
import MokminBase
import MokminCore
import MokminStore
import NIOCore
import PostgresNIO

/// What `mokmin store copy` copied: rows per table, and how long it took.
public struct StoreCopyReport: Sendable {
    public var tables: [(name: String, rows: Int)] = []
    public var seconds: Double = 0
    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// Copies a city's SQLite database into an empty PostgreSQL database: every table of the schema, every dataset version
/// table with its indexes, and the audit log, in one PostgreSQL transaction with `COPY`; then compares, table by table,
/// the row counts and a checksum of the values as each store reads them back, and commits only when all agree.
public enum StoreCopy {
    /// Tables the migrations fill themselves: replaced by the copied rows (the participation salt must be the city's,
    /// its residents' hashes depend on it).
    static let seeded: Set<String> = ["setting", "catalogrevision", "joblease"]

    public static func copy(from source: AppDatabase, to target: PostgresStore, progress: @escaping @Sendable (String) -> Void = { _ in })
        async throws
        -> StoreCopyReport
    {
        let started = Date()
        let logger = target.logger
        var report = StoreCopyReport()
        let plan = try await source.writer.read { db in try SourcePlan(db) }
        try await target.transaction { connection in
            try await connection.query("SET LOCAL TimeZone = 'UTC'", logger: logger)
            try await refuseIfNotEmpty(connection, logger: logger)
            for table in seeded { try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: logger) }
            let types = try await columnTypes(connection, logger: logger)
            for table in plan.tables {
                guard let columns = types[table.lowercased()] else {
                    throw MokminStoreError(
                        ko: "PostgreSQL 스키마에 '\(table)' 표가 없습니다. 같은 판의 mokmin으로 옮기세요",
                        en: "The PostgreSQL schema has no table '\(table)': copy with the same version of mokmin on both sides")
                }
                if table == "reading" {
                    // The readings' month partitions first: rows of a month left in the default partition would stop
                    // that month's partition from being made when the next reading arrives.
                    let times = try await source.writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT substr(time, 1, 7) FROM reading") }
                    for month in PostgresFeedRepository.months(times) {
                        try await PostgresFeedRepository.createPartition(month, connection, logger: logger)
                    }
                }
                let rows = try await copyTable(table, columns: columns, from: source, into: connection, logger: logger)
                report.tables.append((table, rows))
                progress("\(table): \(rows)")
            }
            for version in plan.datasetTables {
                try await createDatasetTable(version, connection, logger: logger)
                let columns = try await columnTypes(connection, logger: logger)[version.table] ?? [:]
                let rows = try await copyTable(version.table, columns: columns, from: source, into: connection, logger: logger)
                for statement in version.indexes { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                report.tables.append((version.table, rows))
                progress("\(version.table): \(rows)")
            }
            try await moveIdentities(connection, logger: logger)
            // Statistics for every copied table, so that the first queries on PostgreSQL get good plans.
            try await connection.query("ANALYZE", logger: logger)
            // Every table again, both sides, before the commit.
            for (table, _) in report.tables {
                let columns = try await columnTypes(connection, logger: logger)[table.lowercased()] ?? [:]
                let expected = try await source.writer.read { db in try Checksum.sqlite(db, table: table, columns: columns) }
                let found = try await Checksum.postgres(connection, table: table.lowercased(), columns: columns, logger: logger)
                guard expected == found else {
                    throw MokminStoreError(
                        ko: "'\(table)' 표의 복사본이 원본과 다릅니다 (행 \(expected.rows)/\(found.rows)). 아무것도 옮기지 않았습니다",
                        en: "The copy of '\(table)' differs from the original (rows \(expected.rows)/\(found.rows)); nothing was copied")
                }
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The SQLite side: the schema's tables in the order they were created (referenced tables first), and each dataset
    /// version's table with the statements that index it.
    struct SourcePlan {
        struct DatasetTable {
            var table: String
            var columns: [DatasetColumn]
            var indexes: [String]
        }
        var tables: [String] = []
        var datasetTables: [DatasetTable] = []

        init(_ db: Database) throws {
            tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                    AND name NOT LIKE 'ds\\_%' ESCAPE '\\' ORDER BY rowid
                    """)
            for row in try Row.fetchAll(db, sql: "SELECT tableName, columns FROM datasetVersion ORDER BY id") {
                let table: String = row["tableName"]
                let columns = try JSONDecoder().decode([DatasetColumn].self, from: Data((row["columns"] as String).utf8))
                var indexes: [String] = []
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", arguments: [table]) {
                    let name: String = index["name"]
                    let keys = try Row.fetchAll(
                        db, sql: "SELECT name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", arguments: [name])
                    let list = try keys.map { key -> String in
                        let descending = (key["desc"] as Int) == 1
                        return try SQLIdentifier.quoted(key["name"]) + (descending ? " DESC NULLS LAST" : " NULLS FIRST")
                    }
                    let unique = (index["unique"] as Int) == 1
                    indexes.append(
                        "CREATE \(unique ? "UNIQUE " : "")INDEX \(try SQLIdentifier.quoted(name)) ON \(try SQLIdentifier.quoted(table)) (\(list.joined(separator: ", ")))"
                    )
                }
                datasetTables.append(DatasetTable(table: table, columns: columns, indexes: indexes))
            }
        }
    }

    static func refuseIfNotEmpty(_ connection: PostgresConnection, logger: Logger) async throws {
        let tables = try await connection.query(
            """
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'mokmin_migrations'
            ORDER BY c.relname
            """, logger: logger
        ).decode(String.self).all()
        for table in tables where !seeded.contains(table) && table != "joblease" {
            let rows =
                try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(try SQLIdentifier.quoted(table))"), logger: logger)
                .decode(Int.self).firstElement() ?? 0
            if rows > 0 {
                throw MokminError(
                    .conflict, ko: "대상 데이터베이스가 비어 있지 않습니다: '\(table)' 표에 \(rows)행이 있습니다. 빈 데이터베이스로만 옮깁니다",
                    en: "The target database is not empty: table '\(table)' has \(rows) rows. A city is copied into an empty database only")
            }
        }
    }

    /// Each table's columns and their PostgreSQL types, by lower-cased names.
    static func columnTypes(_ connection: PostgresConnection, logger: Logger) async throws -> [String: [String: String]] {
        var types: [String: [String: String]] = [:]
        for try await (table, column, type) in try await connection.query(
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = current_schema()",
            logger: logger
        ).decode((String, String, String).self) {
            types[table, default: [:]][column] = type
        }
        return types
    }

    /// Copies one table's rows with `COPY`, the SQLite values converted to the PostgreSQL column types.
    static func copyTable(
        _ table: String, columns types: [String: String], from source: AppDatabase, into connection: PostgresConnection, logger: Logger
    )
        async throws -> Int
    {
        let (names, chunks) = try await source.writer.read { db -> ([String], [ByteBuffer]) in
            let names = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
            let kinds = names.map { types[$0.lowercased()] ?? "text" }
            var chunks: [ByteBuffer] = []
            var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
            let list = try names.map(SQLIdentifier.quotedSQLite).joined(separator: ", ")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(try SQLIdentifier.quotedSQLite(table))")
            while let row = try cursor.next() {
                for (i, kind) in kinds.enumerated() {
                    if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    Canonical.copyText(row[i] as DatabaseValue, kind: kind, into: &buffer)
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes > 1 << 20 {
                    chunks.append(buffer)
                    buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
                }
            }
            if buffer.readableBytes > 0 { chunks.append(buffer) }
            return (names.map { $0.lowercased() }, chunks)
        }
        guard !chunks.isEmpty else { return 0 }
        try await connection.copyFrom(table: table.lowercased(), columns: names, logger: logger) { writer in
            for chunk in chunks { try await writer.write(chunk) }
        }
        return try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(try SQLIdentifier.quoted(table.lowercased()))"), logger: logger
        )
        .decode(Int.self).firstElement() ?? 0
    }

    /// A dataset version's table as ``PostgresDatasetRepository`` makes one.
    static func createDatasetTable(_ version: SourcePlan.DatasetTable, _ connection: PostgresConnection, logger: Logger) async throws {
        var definitions = [
            "_row bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "_line bigint NOT NULL", "_region text COLLATE \"C\"", "_geometry text",
        ]
        for column in version.columns { definitions.append("\(try SQLIdentifier.quoted(column.sqlName)) \(PostgresCells.type(column.type))") }
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TABLE \(try SQLIdentifier.quoted(version.table)) (\(definitions.joined(separator: ", ")))"),
            logger: logger)
    }

    /// Moves every identity column's sequence past the largest value copied.
    static func moveIdentities(_ connection: PostgresConnection, logger: Logger) async throws {
        let identities = try await connection.query(
            """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """, logger: logger
        ).decode((String, String).self).all()
        for (table, column) in identities {
            let quotedTable = try SQLIdentifier.quoted(table)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(quotedTable)', '\(column)'), GREATEST(COALESCE((SELECT max(\(column)) FROM \(quotedTable)), 0), 1),
                            (SELECT max(\(column)) FROM \(quotedTable)) IS NOT NULL)
                        """), logger: logger)
        }
    }
}

extension SQLIdentifier {
    /// A name of the SQLite schema (camelCase, `user`), quoted for SQLite; only letters, digits and `_`.
    static func quotedSQLite(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 64,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" || ("0"..."9").contains($0) })
        else {
            throw MokminStoreError(ko: "잘못된 SQL 식별자", en: "invalid SQL identifier: \(name.debugDescription)")
        }
        return "\"\(name)\""
    }
}
