import Foundation
import GRDB
import MokminBase
import MokminCore

extension GRDBDatasetRepository {
    /// Searches the in-memory ``CatalogIndex``, rebuilt (from one consistent read) whenever the catalog's revision
    /// counter moved since it was built, whichever process changed the catalog; then reads the page's records.
    public func search(_ q: CatalogQuery) async throws -> CatalogPage {
        let cache = catalogCache
        return try await writer.read { db in
            let revision = try Int64.fetchOne(db, sql: "SELECT revision FROM catalogRevision WHERE id = 1") ?? -1
            let index = try cache.index(revision: revision) { try Self.catalogEntries(db) }
            let result = index.search(q)
            return CatalogPage(total: result.total, results: try Self.fetchRecords(db, ids: result.ids), facets: result.facets)
        }
    }

    /// Every catalog entry as the search index needs it.
    static func catalogEntries(_ db: Database) throws -> [CatalogIndex.Entry] {
        var tags: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT datasetID, tag FROM datasetTag") { tags[row[0], default: []].append(row[1]) }
        var formats: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT datasetID, format FROM datasetVersion") { formats[row[0], default: []].append(row[1]) }
        return try Row.fetchAll(db, sql: "SELECT id, searchText, title, organization, license, visibility, updatedAt FROM dataset").map { row in
            let id: Int64 = row[0]
            return CatalogIndex.Entry(
                id: id, searchText: row[1], title: row[2], organization: row[3], license: row[4],
                visibility: Visibility(rawValue: row[5]) ?? .internal, tags: tags[id] ?? [], formats: formats[id] ?? [], updatedAt: row[6])
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
        let wanted = SortIndex.wanted(for: query, of: version)
        let order = try query.sort.map { "\(try SQLIdentifier.quoted(try column($0.column).sqlName)) \($0.descending ? "DESC" : "ASC")" } + ["_row"]
        let table = try SQLIdentifier.quoted(version.tableName)
        let list = try (["_region"] + selected.map { try SQLIdentifier.quoted($0.sqlName) }).joined(separator: ", ")
        let bound = arguments
        let limit = min(max(0, query.limit), RowQuery.maxLimit), offset = min(max(0, query.offset), RowQuery.maxOffset)
        return try await writer.read { db in
            let (rows, total) = try QueryTimeLimit.run(db, seconds: query.timeLimit) { () throws -> ([Row], Int?) in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(list) FROM \(table) WHERE \(condition) ORDER BY \(order.joined(separator: ", ")) LIMIT ? OFFSET ?",
                    arguments: bound + [limit, offset])
                // Without conditions the version already knows its row count.
                guard query.includeTotal else { return (rows, nil) }
                if condition == "1" { return (rows, version.rowCount) }
                return (rows, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)", arguments: bound))
            }
            var suggestion: SortIndex?
            if let wanted,
                try !Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [wanted.name])!
            {
                suggestion = wanted
            }
            return RowPage(
                columns: selected,
                rows: rows.map { row in selected.enumerated().map { i, c in TypedValue(row[i + 1] as DatabaseValue, as: c.type) } },
                regions: rows.map { $0[0] as String? }, total: total, suggestedIndex: suggestion)
        }
    }

    public func createSortIndex(_ index: SortIndex, limit: Int) async throws -> Bool {
        let table = try SQLIdentifier.quoted(index.tableName)
        let name = try SQLIdentifier.quoted(index.name)
        let list = try index.columns.map { "\(try SQLIdentifier.quoted($0.sqlName))\($0.descending ? " DESC" : "")" }.joined(separator: ", ")
        return try await writer.write { db in
            let existing = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE ? ESCAPE '\\'",
                arguments: [index.tableName, index.tableName.replacingOccurrences(of: "_", with: "\\_") + "\\_by\\_%"])
            guard try db.tableExists(index.tableName), !existing.contains(index.name), existing.count < limit else { return false }
            try db.execute(sql: "CREATE INDEX \(name) ON \(table) (\(list))")
            return true
        }
    }

    /// A filter's text as the value stored in a column of `type` (booleans as 0/1, numbers as numbers), or nil
    /// when no stored value of that type could equal it.
    static func filterValue(_ value: String, _ type: ColumnType) -> DatabaseValue? {
        SQLValue.filter(value, type)?.databaseValue
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
