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
            // One pass over the catalog finds every match with what sorting and the facets need; the page, the
            // organization and licence facets are then counted here, and tags and formats looked up by id.
            struct Match {
                var id: Int64
                var score: Int
                var title: String
                var updatedAt: Date
                var organization: String
                var license: String
            }
            let matches = try Row.fetchAll(
                db, sql: "SELECT d.id, (\(score)) AS score, d.title, d.updatedAt, d.organization, d.license FROM dataset d WHERE \(condition)",
                arguments: scoreArguments + arguments
            ).map { Match(id: $0[0], score: $0[1], title: $0[2], updatedAt: $0[3], organization: $0[4], license: $0[5]) }
            let sorted: [Match] =
                switch q.sort {
                case .relevance: matches.sorted { ($0.score, $0.updatedAt, -$0.id) > ($1.score, $1.updatedAt, -$1.id) }
                case .titleAscending:
                    matches.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
                case .updatedDescending: matches.sorted { ($0.updatedAt, -$0.id) > ($1.updatedAt, -$1.id) }
                }
            let total = sorted.count
            let ids = sorted.dropFirst(max(0, q.offset)).prefix(max(0, q.limit)).map(\.id)
            func counted(_ values: [String]) -> [(name: String, count: Int)] {
                Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).map { (name: $0.key, count: $0.value) }
                    .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
            }
            var facets: [String: [(name: String, count: Int)]] = [:]
            facets["organization"] = counted(matches.map(\.organization).filter { !$0.isEmpty })
            facets["license_id"] = counted(matches.map(\.license))
            let idList = "[" + matches.map { String($0.id) }.joined(separator: ",") + "]"
            facets["tags"] = try Row.fetchAll(
                db,
                sql: "SELECT t.tag, COUNT(*) FROM json_each(?) AS m JOIN datasetTag t ON t.datasetID = m.value GROUP BY 1 ORDER BY 2 DESC, 1",
                arguments: [idList]
            ).map { ($0[0] as String, $0[1] as Int) }
            facets["res_format"] = try Row.fetchAll(
                db,
                sql: """
                    SELECT upper(v.format), COUNT(DISTINCT v.datasetID) FROM json_each(?) AS m JOIN datasetVersion v ON v.datasetID = m.value
                    GROUP BY 1 ORDER BY 2 DESC, 1
                    """, arguments: [idList]
            ).map { ($0[0] as String, $0[1] as Int) }
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
            // Compare with a value of the column's own type, so that an index on the column can serve the filter.
            guard let typed = Self.filterValue(value, c.type) else {
                conditions.append("0")  // the value cannot occur in this column
                continue
            }
            conditions.append("\(try SQLIdentifier.quoted(c.sqlName)) = ?")
            _ = arguments.append(contentsOf: [typed])
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
            var total: Int?
            if query.includeTotal {
                // Without conditions the version already knows its row count.
                total = condition == "1" ? version.rowCount : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)", arguments: bound)
            }
            return RowPage(
                columns: selected,
                rows: rows.map { row in selected.enumerated().map { i, c in TypedValue(row[i + 1] as DatabaseValue, as: c.type) } },
                regions: rows.map { $0[0] as String? }, total: total)
        }
    }

    /// A filter's text as the value stored in a column of `type` (booleans as 0/1, numbers as numbers), or nil
    /// when no stored value of that type could equal it.
    static func filterValue(_ value: String, _ type: ColumnType) -> DatabaseValue? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch type {
        case .integer:
            return Int64(trimmed).map(\.databaseValue) ?? Double(trimmed).flatMap { $0 == $0.rounded() ? Int64(exactly: $0)?.databaseValue : nil }
        case .decimal, .longitude, .latitude:
            return Double(trimmed).map(\.databaseValue)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "1", "y", "예": return 1.databaseValue
            case "false", "0", "n", "아니오": return 0.databaseValue
            default: return nil
            }
        case .text, .date, .dateTime, .regionCode:
            return value.databaseValue
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
