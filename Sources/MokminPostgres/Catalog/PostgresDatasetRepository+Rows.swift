import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

extension PostgresDatasetRepository {
    public func rows(of version: DatasetVersion, query: RowQuery) async throws -> RowPage {
        func column(_ label: String) throws -> DatasetColumn {
            guard let c = version.columns.first(where: { $0.label == label }) else {
                throw MokminError(
                    .invalidInput, ko: "'\(label)' 열이 없습니다 (있는 열: \(version.columns.map(\.label).joined(separator: ", ")))",
                    en: "No column '\(label)' (columns: \(version.columns.map(\.label).joined(separator: ", ")))")
            }
            return c
        }
        let selected = try query.fields.isEmpty ? version.columns : query.fields.map(column)
        var binder = SQLBinder(.postgres)
        var conditions: [String] = []
        for (label, value) in query.filters.sorted(by: { $0.key < $1.key }) {
            let c = try column(label)
            // Compared with a value of the column's own type, so that an index on the column can serve the filter.
            guard let typed = SQLValue.filter(value, c.type) else {
                conditions.append(binder.never)
                continue
            }
            conditions.append("\(try SQLIdentifier.quoted(c.sqlName)) = \(binder.bind(typed))")
        }
        if let text = query.text?.lowercased(), !text.isEmpty {
            let parts = try version.columns.filter { !$0.type.isNumeric }.map { c in
                let name = try SQLIdentifier.quoted(c.sqlName)
                // Booleans read as SQLite stores them (1 and 0).
                let asText = c.type == .boolean ? "(\(name)::int)::text" : name
                return "strpos(lower(\(asText)), \(binder.bind(.text(text)))) > 0"
            }
            conditions.append(parts.isEmpty ? binder.never : "(" + parts.joined(separator: " OR ") + ")")
        }
        let condition = conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
        let wanted = SortIndex.wanted(for: query, of: version)
        // SQLite sorts NULL first going up and last going down: the same here.
        let order =
            try query.sort.map {
                "\(try SQLIdentifier.quoted(try column($0.column).sqlName)) \($0.descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")"
            }
            + ["_row"]
        let table = try SQLIdentifier.quoted(version.tableName)
        let list = try (["_region"] + selected.map { try SQLIdentifier.quoted($0.sqlName) }).joined(separator: ", ")
        let limit = min(max(0, query.limit), RowQuery.maxLimit), offset = min(max(0, query.offset), RowQuery.maxOffset)
        var paged = binder
        let sql =
            "SELECT \(list) FROM \(table) WHERE \(condition) ORDER BY \(order.joined(separator: ", ")) LIMIT \(paged.bind(.integer(Int64(limit)))) OFFSET \(paged.bind(.integer(Int64(offset))))"
        let countSQL = "SELECT count(*) FROM \(table) WHERE \(condition)"
        return try await reads.read(snapshot: true) { connection in
            let (rows, total) = try await Self.withTimeLimit(query.timeLimit, connection, logger: logger) {
                var rows: [[SQLValue?]] = []
                for try await row in try await connection.query(
                    PostgresQuery(unsafeSQL: sql, binds: PostgresCells.bindings(paged.values)), logger: logger)
                {
                    rows.append(try PostgresCells.values(row))
                }
                // Without conditions the version already knows its row count.
                guard query.includeTotal else { return (rows, Int?.none) }
                if conditions.isEmpty { return (rows, version.rowCount) }
                let total = try await connection.query(
                    PostgresQuery(unsafeSQL: countSQL, binds: PostgresCells.bindings(binder.values)), logger: logger
                )
                .decode(Int.self).firstElement()
                return (rows, total)
            }
            var suggestion: SortIndex?
            if let wanted, try await !Self.indexExists(connection, wanted.name, logger: logger) { suggestion = wanted }
            return RowPage(
                columns: selected,
                rows: rows.map { row in selected.enumerated().map { i, c in TypedValue(row[i + 1], as: c.type) } },
                regions: rows.map { if case .text(let code)? = $0[0] { code } else { nil } }, total: total, suggestedIndex: suggestion)
        }
    }

    /// Runs `body` in the caller's transaction with a statement timeout of `seconds` (none when nil), turning the
    /// server's cancellation into the same error SQLite's progress handler gives.
    static func withTimeLimit<T>(_ seconds: Double?, _ connection: PostgresConnection, logger: Logger, _ body: () async throws -> T) async throws
        -> T
    {
        guard let seconds, seconds > 0, seconds.isFinite else { return try await body() }
        let milliseconds = Int(min(seconds, 3600) * 1000)
        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = \(max(1, milliseconds))"), logger: logger)
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "57014" {
            let shown = String(format: "%g", seconds)
            throw MokminError(
                .invalidInput, ko: "질의가 \(shown)초 안에 끝나지 않아 멈췄습니다. 필터로 좁히거나 파일로 내려받으세요",
                en: "The query did not finish within \(shown) s and was stopped: narrow it with filters, or download the file")
        }
    }

    static func indexExists(_ connection: PostgresConnection, _ name: String, logger: Logger) async throws -> Bool {
        try await connection.query(
            "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = \(name))", logger: logger
        )
        .decode(Bool.self).firstElement() ?? false
    }

    public func createSortIndex(_ index: SortIndex, limit: Int) async throws -> Bool {
        let table = try SQLIdentifier.quoted(index.tableName)
        let name = try SQLIdentifier.quoted(index.name)
        let list = try index.columns.map { "\(try SQLIdentifier.quoted($0.sqlName))\($0.descending ? " DESC NULLS LAST" : " NULLS FIRST")" }
            .joined(separator: ", ")
        return try await store.transaction { connection in
            try await connection.lock("sort-index:" + index.tableName, logger: logger)
            let exists = try await connection.query("SELECT to_regclass(\(index.tableName)) IS NOT NULL", logger: logger).decode(Bool.self)
                .firstElement()
            let pattern = index.tableName.replacingOccurrences(of: "_", with: "\\_") + "\\_by\\_%"
            let existing = try await connection.query(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = \(index.tableName) AND indexname LIKE \(pattern)",
                logger: logger
            ).decode(String.self).all()
            guard exists == true, !existing.contains(index.name), existing.count < limit else { return false }
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE INDEX \(name) ON \(table) (\(list))"), logger: logger)
            return true
        }
    }

    public func rowChunk(of version: DatasetVersion, afterRow: Int64, limit: Int) async throws -> RowChunk {
        let table = try SQLIdentifier.quoted(version.tableName)
        let list = try (["_row", "_region", "_geometry"] + version.columns.map { try SQLIdentifier.quoted($0.sqlName) }).joined(separator: ", ")
        var binder = SQLBinder(.postgres)
        let sql =
            "SELECT \(list) FROM \(table) WHERE _row > \(binder.bind(.integer(afterRow))) ORDER BY _row LIMIT \(binder.bind(.integer(Int64(max(1, limit)))))"
        return try await reads.read { connection in
            var rows: [[SQLValue?]] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: PostgresCells.bindings(binder.values)), logger: logger)
            {
                rows.append(try PostgresCells.values(row))
            }
            func text(_ value: SQLValue?) -> String? { if case .text(let s)? = value { s } else { nil } }
            return RowChunk(
                rows: rows.map { row in version.columns.enumerated().map { i, c in TypedValue(row[i + 3], as: c.type) } },
                regions: rows.map { text($0[1]) }, geometries: rows.map { text($0[2]) },
                lastRow: rows.last.flatMap { if case .integer(let id)? = $0[0] { id } else { nil } })
        }
    }

    public func regionCounts(of version: DatasetVersion) async throws -> [String: Int] {
        let table = try SQLIdentifier.quoted(version.tableName)
        return try await reads.read { connection in
            var counts: [String: Int] = [:]
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT _region, count(*) FROM \(table) WHERE _region IS NOT NULL GROUP BY 1"), logger: logger)
            for try await (region, count) in rows.decode((String, Int).self) { counts[region] = count }
            return counts
        }
    }

    /// Answers `query` in one statement (``AggregateStatement`` in PostgreSQL's dialect), after checking it against the
    /// version's columns.
    public func aggregate(_ query: AggregateQuery, of version: DatasetVersion) async throws -> AggregateResult {
        let statement = try AggregateStatement(query, of: version, dialect: .postgres)
        return try await reads.read { connection in
            var rows: [[SQLValue?]] = []
            let result = try await connection.query(
                PostgresQuery(unsafeSQL: statement.sql, binds: PostgresCells.bindings(statement.values)), logger: logger)
            for try await row in result { rows.append(try PostgresCells.values(row)) }
            return statement.result(rows)
        }
    }
}
