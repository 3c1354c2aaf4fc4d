import Foundation
import GRDB
import MokminBase
import MokminCore

extension GRDBDatasetRepository {
    /// The SQL of an aggregate query over one version's table, and its arguments (values bound, identifiers quoted by
    /// ``SQLIdentifier``). One statement: the filters in `WHERE`; a `latest` measure beside others adds a window
    /// (`ROW_NUMBER()` by the date column, then the stored order, descending, per group) in a subquery, while `latest`
    /// alone reads its row in the same pass (SQLite's bare columns beside `MAX`); the result has the period key (if any),
    /// the group keys as text, (the picking key,) one column per measure, then the group's row count.
    static func aggregateSQL(_ query: AggregateQuery, of version: DatasetVersion) throws -> (sql: String, arguments: StatementArguments) {
        try query.validate(columns: version.columns)
        func sqlName(_ label: String) throws -> String {
            try SQLIdentifier.quoted(version.columns.first { $0.label == label }!.sqlName)
        }
        func type(_ label: String) -> ColumnType { version.columns.first { $0.label == label }!.type }
        var conditions: [String] = []
        var arguments = StatementArguments()
        for filter in query.filters {
            switch filter {
            case .equals(let label, let value):
                guard let typed = filterValue(value, type(label)) else {
                    conditions.append("0")
                    continue
                }
                conditions.append("\(try sqlName(label)) = ?")
                _ = arguments.append(contentsOf: [typed])
            case .region(let code):
                // A 시도 or 시군구 written with ten digits (3600000000, 3611000000) stands for the 읍면동 inside it.
                var prefix = code
                if code.count == 10 && code.hasSuffix("00000000") {
                    prefix = String(code.prefix(2))
                } else if code.count == 10 && code.hasSuffix("00000") {
                    prefix = String(code.prefix(5))
                }
                conditions.append(prefix.count == 10 ? "_region = ?" : "substr(_region, 1, \(prefix.count)) = ?")
                _ = arguments.append(contentsOf: [prefix])
            case .dateRange(let label, let from, let to):
                let column = try sqlName(label)
                if let from {
                    conditions.append("substr(\(column), 1, 10) >= ?")
                    _ = arguments.append(contentsOf: [from])
                }
                if let to {
                    conditions.append("substr(\(column), 1, 10) <= ?")
                    _ = arguments.append(contentsOf: [to])
                }
            }
        }
        var keys: [String] = []
        var dateColumn: String?
        if let period = query.period {
            let d = try sqlName(period.column)
            dateColumn = d
            conditions.append("\(d) IS NOT NULL")
            switch period.unit {
            case .month: keys.append("substr(\(d), 1, 7)")
            case .quarter: keys.append("substr(\(d), 1, 4) || 'Q' || ((CAST(substr(\(d), 6, 2) AS INTEGER) + 2) / 3)")
            case .year: keys.append("substr(\(d), 1, 4)")
            }
        }
        for label in query.groupBy { keys.append("CAST(\(try sqlName(label)) AS TEXT)") }
        let latestOnly = query.measures.allSatisfy { $0.function == .latest }
        let needsWindow = !latestOnly && query.measures.contains { $0.function == .latest }
        var measures: [String] = []
        if latestOnly {
            // Only `latest`: one pass without a sort. SQLite takes a bare column's value from the row that gives the
            // group's MAX (the greatest date, then the last stored row), so the key below picks the row and the
            // measures are read from it.
            let key = dateColumn.map { "\($0) || printf(' %020d', _row)" } ?? "_row"
            measures.append("MAX(\(key))")
        }
        for measure in query.measures {
            let column = try measure.column.map(sqlName)
            switch (measure.function, column) {
            case (.count, nil): measures.append("COUNT(*)")
            case (.count, let c?): measures.append("COUNT(\(c))")
            case (.sum, let c?): measures.append("SUM(\(c))")
            case (.mean, let c?): measures.append("AVG(\(c))")
            case (.min, let c?): measures.append("MIN(\(c))")
            case (.max, let c?): measures.append("MAX(\(c))")
            case (.distinctCount, let c?): measures.append("COUNT(DISTINCT NULLIF(\(c), ''))")
            case (.latest, let c?): measures.append(latestOnly ? c : "MAX(CASE WHEN _latest = 1 THEN \(c) END)")
            default: measures.append("NULL")
            }
        }
        let table = try SQLIdentifier.quoted(version.tableName)
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var source = table + whereClause
        if needsWindow {
            // Within each group, the row with the greatest date (or, without a date column, the last stored row) is 1.
            let partition = keys.isEmpty ? "" : "PARTITION BY " + keys.joined(separator: ", ") + " "
            let order = (dateColumn.map { ["\($0) DESC"] } ?? []) + ["_row DESC"]
            source = "(SELECT *, ROW_NUMBER() OVER (\(partition)ORDER BY \(order.joined(separator: ", "))) AS _latest FROM \(table)\(whereClause))"
        }
        let select = (keys + measures + ["COUNT(*)"]).joined(separator: ", ")
        // With `latest` alone the first measure column is the row-picking key, which the reader skips.
        let grouping = keys.isEmpty ? "" : " GROUP BY " + (1...keys.count).map(String.init).joined(separator: ", ") + " ORDER BY "
            + (1...keys.count).map(String.init).joined(separator: ", ")
        return ("SELECT \(select) FROM \(source)\(grouping)", arguments)
    }

    /// Runs the query as one statement on a read connection. No time limit is set here: an indicator's recomputation
    /// after a new version must finish whatever the table's size (a million rows take well under a second).
    public func aggregate(_ query: AggregateQuery, of version: DatasetVersion) async throws -> AggregateResult {
        let (sql, arguments) = try Self.aggregateSQL(query, of: version)
        let hasPeriod = query.period != nil
        let keyCount = query.groupBy.count
        let measureCount = query.measures.count
        let skip = query.measures.allSatisfy { $0.function == .latest } ? 1 : 0
        return try await writer.read { db in
            var rows: [AggregateResult.Row] = []
            var matched = 0
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                var index = 0
                var period: String?
                if hasPeriod {
                    period = row[0]
                    index = 1
                }
                let keys: [String?] = (0..<keyCount).map { row[index + $0] }
                index += keyCount + skip
                let values: [Double?] = (0..<measureCount).map { i in
                    let value: DatabaseValue = row[index + i]
                    switch value.storage {
                    case .int64(let n): return Double(n)
                    case .double(let d): return d.isFinite ? d : nil
                    default: return nil
                    }
                }
                let count: Int = row[index + measureCount]
                matched += count
                // An aggregate without grouping answers one row even when nothing matched: keep it only when rows did.
                if count > 0 || hasPeriod || keyCount > 0 { rows.append(AggregateResult.Row(period: period, keys: keys, values: values)) }
            }
            return AggregateResult(rows: rows, matchedRows: matched)
        }
    }
}
