import Foundation
import GRDB
import MokminCore

extension GRDBDatasetRepository {
    /// The WHERE clause shared by a search and its facets.
    private static func whereClause(_ q: CatalogQuery) -> (String, StatementArguments, [String]) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !q.includeInternal { conditions.append("d.visibility = 'public'") }
        let terms = q.text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init).filter { !$0.isEmpty }
        for term in terms {
            conditions.append("instr(d.searchText, ?) > 0")
            _ = arguments.append(contentsOf: [term])
        }
        if let organization = q.organization {
            conditions.append("d.organization = ?")
            _ = arguments.append(contentsOf: [organization])
        }
        for tag in q.tags {
            conditions.append("EXISTS (SELECT 1 FROM datasetTag t WHERE t.datasetID = d.id AND t.tag = ?)")
            _ = arguments.append(contentsOf: [tag])
        }
        if let format = q.format {
            conditions.append(
                "EXISTS (SELECT 1 FROM datasetVersion v WHERE v.datasetID = d.id AND lower(v.format) = lower(?))")
            _ = arguments.append(contentsOf: [format])
        }
        if let license = q.license {
            conditions.append("d.license = ?")
            _ = arguments.append(contentsOf: [license])
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments, terms)
    }

    public func search(_ q: CatalogQuery) async throws -> CatalogPage {
        try await writer.read { db in
            let (condition, arguments, terms) = Self.whereClause(q)
            // Relevance: a hit in the title weighs 8, in the organization or a tag 3, anywhere else 1.
            var score = "0"
            var scoreArguments = StatementArguments()
            for term in terms {
                score += " + 8 * (instr(lower(d.title), ?) > 0) + 3 * (instr(lower(d.organization), ?) > 0)"
                score += " + 3 * EXISTS (SELECT 1 FROM datasetTag t WHERE t.datasetID = d.id AND instr(lower(t.tag), ?) > 0) + 1"
                _ = scoreArguments.append(contentsOf: [term, term, term])
            }
            let order: String =
                switch q.sort {
                case .relevance: "score DESC, d.updatedAt DESC, d.id"
                case .titleAscending: "d.title COLLATE NOCASE, d.id"
                case .updatedDescending: "d.updatedAt DESC, d.id"
                }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dataset d WHERE \(condition)", arguments: arguments) ?? 0
            let ids = try Int64.fetchAll(
                db, sql: "SELECT d.id, (\(score)) AS score FROM dataset d WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: scoreArguments + arguments + [max(0, q.limit), max(0, q.offset)])
            var facets: [String: [(name: String, count: Int)]] = [:]
            func facet(_ name: String, _ sql: String) throws {
                facets[name] = try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0] as String, $0[1] as Int) }
            }
            try facet(
                "organization",
                "SELECT d.organization, COUNT(*) FROM dataset d WHERE \(condition) AND d.organization != '' GROUP BY 1 ORDER BY 2 DESC, 1")
            try facet(
                "tags",
                "SELECT t.tag, COUNT(*) FROM dataset d JOIN datasetTag t ON t.datasetID = d.id WHERE \(condition) GROUP BY 1 ORDER BY 2 DESC, 1")
            try facet(
                "res_format",
                """
                SELECT upper(v.format), COUNT(DISTINCT d.id) FROM dataset d JOIN datasetVersion v ON v.datasetID = d.id
                WHERE \(condition) GROUP BY 1 ORDER BY 2 DESC, 1
                """)
            try facet("license_id", "SELECT d.license, COUNT(*) FROM dataset d WHERE \(condition) GROUP BY 1 ORDER BY 2 DESC, 1")
            return CatalogPage(total: total, results: try Self.fetchRecords(db, ids: ids), facets: facets)
        }
    }

    public func organizations(includeInternal: Bool) async throws -> [(name: String, count: Int)] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT organization, COUNT(*) FROM dataset WHERE organization != '' AND (? OR visibility = 'public') GROUP BY 1 ORDER BY 1",
                arguments: [includeInternal]
            ).map { ($0[0] as String, $0[1] as Int) }
        }
    }

    public func tags(includeInternal: Bool) async throws -> [(name: String, count: Int)] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.tag, COUNT(*) FROM datasetTag t JOIN dataset d ON d.id = t.datasetID
                    WHERE ? OR d.visibility = 'public' GROUP BY 1 ORDER BY 1
                    """, arguments: [includeInternal]
            ).map { ($0[0] as String, $0[1] as Int) }
        }
    }

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
        var conditions: [String] = []
        var arguments = StatementArguments()
        for (label, value) in query.filters.sorted(by: { $0.key < $1.key }) {
            let c = try column(label)
            conditions.append("CAST(\(try SQLIdentifier.quoted(c.sqlName)) AS TEXT) = ?")
            _ = arguments.append(contentsOf: [Self.filterText(value, c.type)])
        }
        if let text = query.text?.lowercased(), !text.isEmpty {
            let parts = try version.columns.filter { !$0.type.isNumeric }.map {
                "instr(lower(\(try SQLIdentifier.quoted($0.sqlName))), ?) > 0"
            }
            conditions.append(parts.isEmpty ? "0" : "(" + parts.joined(separator: " OR ") + ")")
            for _ in parts { _ = arguments.append(contentsOf: [text]) }
        }
        let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let order = try query.sort.map { "\(try SQLIdentifier.quoted(try column($0.column).sqlName)) \($0.descending ? "DESC" : "ASC")" } + ["_row"]
        let table = try SQLIdentifier.quoted(version.tableName)
        let list = try (["_region"] + selected.map { try SQLIdentifier.quoted($0.sqlName) }).joined(separator: ", ")
        let bound = arguments
        return try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(list) FROM \(table) WHERE \(condition) ORDER BY \(order.joined(separator: ", ")) LIMIT ? OFFSET ?",
                arguments: bound + [max(0, query.limit), max(0, query.offset)])
            let total = query.includeTotal ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)", arguments: bound) : nil
            return RowPage(
                columns: selected,
                rows: rows.map { row in selected.enumerated().map { i, c in TypedValue(row[i + 1] as DatabaseValue, as: c.type) } },
                regions: rows.map { $0[0] as String? }, total: total)
        }
    }

    /// How a filter value compares with a stored value: booleans are stored as 0/1.
    static func filterText(_ value: String, _ type: ColumnType) -> String {
        guard type == .boolean else { return value }
        switch value.lowercased() {
        case "true", "1", "y", "예": return "1"
        case "false", "0", "n", "아니오": return "0"
        default: return value
        }
    }

    public func rowChunk(of version: DatasetVersion, afterRow: Int64, limit: Int) async throws -> RowChunk {
        let table = try SQLIdentifier.quoted(version.tableName)
        let list = try (["_row", "_region", "_geometry"] + version.columns.map { try SQLIdentifier.quoted($0.sqlName) }).joined(separator: ", ")
        return try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(list) FROM \(table) WHERE _row > ? ORDER BY _row LIMIT ?", arguments: [afterRow, max(1, limit)])
            return RowChunk(
                rows: rows.map { row in version.columns.enumerated().map { i, c in TypedValue(row[i + 3] as DatabaseValue, as: c.type) } },
                regions: rows.map { $0[1] as String? }, geometries: rows.map { $0[2] as String? }, lastRow: rows.last.map { $0[0] as Int64 })
        }
    }

    public func regionCounts(of version: DatasetVersion) async throws -> [String: Int] {
        let table = try SQLIdentifier.quoted(version.tableName)
        return try await writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT _region, COUNT(*) FROM \(table) WHERE _region IS NOT NULL GROUP BY 1")
                    .map { ($0[0] as String, $0[1] as Int) })
        }
    }
}
