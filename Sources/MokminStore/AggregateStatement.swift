import Foundation
import GRDB
import MokminBase
import MokminCore

/// The one SQL statement that answers an ``AggregateQuery`` over a version's table, and how its rows become an
/// ``AggregateResult``. Made by ``GRDBDatasetRepository/aggregate(_:of:)``; public so that a test and
/// `Benchmarks/aggregate.sh` can see the exact SQL that runs.
///
/// Its shape, for a query grouped by month of `c1` and by `c2`, measuring `sum(c3)` and `latest(c4)`:
///
/// ```sql
/// SELECT g.p, g.k1, g.n, g.m1, l."c4" FROM (
///     SELECT substr("c1", 1, 7) AS p, NULLIF("c2", '') AS k1, COUNT(*) AS n,
///         CASE WHEN COUNT("c3") > 0 THEN TOTAL("c3") END AS m1, MAX("c1" || (1000000000000000000 + _row)) AS lk
///     FROM "ds_1_v1" WHERE <filters, values bound> GROUP BY p, k1
/// ) AS g LEFT JOIN "ds_1_v1" AS l ON l._row = CAST(substr(g.lk, -19) AS INTEGER) - 1000000000000000000
/// ORDER BY g.p, g.k1
/// ```
///
/// - One pass over the filtered rows: SQLite sorts them by the group keys and folds each group.
/// - `latest`: each group keeps the greatest "date, then row number" (`lk`, the row number made 19 digits wide so
///   that text order is numeric order); the value is then read from that one row by its primary key. Unlike
///   SQLite's bare column beside `MAX()`, this stays exact with `min`/`max` measures in the same query and breaks
///   date ties by the row stored last; unlike a window function it needs no second sort of the rows.
/// - Rows without a date fall into a group whose period is NULL, which is dropped: left out of the rows and of
///   ``AggregateResult/matchedRows``. (A `WHERE date IS NOT NULL` would do the same, but could lead the planner to
///   walk the date index and fetch every row by it.)
/// - Group values pass through `NULLIF(…, '')`, so that empty and missing values form one group.
public struct AggregateStatement: Sendable {
    public let sql: String
    public let arguments: StatementArguments
    /// Whether the first column is the period; then the group columns' types, for reading their values as text.
    let hasPeriod: Bool
    let keyTypes: [ColumnType]
    let measureCount: Int

    /// Validates `query` against `version`'s columns (``AggregateQuery/validate(columns:)``) and builds its SQL.
    public init(_ query: AggregateQuery, of version: DatasetVersion) throws {
        try query.validate(columns: version.columns)
        func column(_ label: String) throws -> String {
            guard let c = version.columns.first(where: { $0.label == label }) else {
                throw MokminStoreError(ko: "검사를 통과한 열이 없습니다", en: "A validated column is missing: \(label)")
            }
            return try SQLIdentifier.quoted(c.sqlName)
        }
        let table = try SQLIdentifier.quoted(version.tableName)

        let (conditions, arguments) = try Self.conditions(query.filters, of: version, column: column)

        var inner: [String] = []
        var groups: [String] = []
        if let period = query.period {
            inner.append("\(Self.periodKey(try column(period.column), period.unit)) AS p")
            groups.append("p")
        }
        for (i, label) in query.groupBy.enumerated() {
            inner.append("NULLIF(\(try column(label)), '') AS k\(i + 1)")
            groups.append("k\(i + 1)")
        }
        inner.append("COUNT(*) AS n")
        for (i, measure) in query.measures.enumerated() where measure.function != .latest {
            inner.append("\(try Self.expression(measure.function, measure.column.map(column))) AS m\(i + 1)")
        }
        let latest = query.measures.contains { $0.function == .latest }
        // `latest` picks by the period's column, else by a date range's column, else by the order rows were stored.
        let latestDate = try (query.period?.column ?? query.filters.lazy.compactMap(\.dateColumn).first).map(column)
        if latest { inner.append("MAX(\(latestDate.map { "\($0) || (\(Self.rowOffset) + _row)" } ?? "_row")) AS lk") }
        var sql = "SELECT \(inner.joined(separator: ", ")) FROM \(table)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !groups.isEmpty { sql += " GROUP BY " + groups.joined(separator: ", ") }
        if latest {
            var outer = groups.map { "g.\($0)" } + ["g.n"]
            for (i, measure) in query.measures.enumerated() {
                outer.append(measure.function == .latest ? "l.\(try column(measure.column ?? ""))" : "g.m\(i + 1)")
            }
            let row = latestDate == nil ? "g.lk" : "CAST(substr(g.lk, -19) AS INTEGER) - \(Self.rowOffset)"
            sql = "SELECT \(outer.joined(separator: ", ")) FROM (\(sql)) AS g LEFT JOIN \(table) AS l ON l._row = \(row)"
            if !groups.isEmpty { sql += " ORDER BY " + groups.map { "g.\($0)" }.joined(separator: ", ") }
        } else if !groups.isEmpty {
            sql += " ORDER BY " + groups.joined(separator: ", ")
        }

        self.sql = sql
        self.arguments = arguments
        self.hasPeriod = query.period != nil
        self.keyTypes = query.groupBy.map { label in version.columns.first { $0.label == label }?.type ?? .text }
        self.measureCount = query.measures.count
    }

    /// The WHERE conditions of `filters` (joined by AND) and the values they bind.
    static func conditions(
        _ filters: [AggregateFilter], of version: DatasetVersion, column: (String) throws -> String
    ) throws -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        for filter in filters {
            switch filter {
            case .equals(let label, let value):
                let type = version.columns.first { $0.label == label }?.type ?? .text
                // Compared as the column's type, like the row preview's filters; a value no row of that type can
                // hold matches nothing.
                guard let typed = GRDBDatasetRepository.filterValue(value, type) else {
                    conditions.append("0")
                    continue
                }
                conditions.append("\(try column(label)) = ?")
                _ = arguments.append(contentsOf: [typed])
            case .region(let code):
                // The derived codes are digits only, so the codes starting with `prefix` are exactly those in
                // [prefix, prefix + ":"), ':' being the character after '9': a range the `_region` index serves.
                let prefix = AggregateFilter.regionPrefix(code)
                conditions.append("_region >= ? AND _region < ?")
                _ = arguments.append(contentsOf: [prefix, prefix + ":"])
            case .dateRange(let label, let from, let to):
                // Dates (`YYYY-MM-DD`) and date-times (`YYYY-MM-DDTHH:MM:SS`) compare as text; the end is the
                // day after `to`, exclusive, so a date-time on the last day is inside. The column's index serves it.
                let c = try column(label)
                var parts: [String] = []
                if let from {
                    parts.append("\(c) >= ?")
                    _ = arguments.append(contentsOf: [from])
                }
                if let to, let end = AggregateFilter.dayAfter(to) {
                    parts.append("\(c) < ?")
                    _ = arguments.append(contentsOf: [end])
                }
                conditions.append(parts.isEmpty ? "\(c) IS NOT NULL" : parts.joined(separator: " AND "))
            }
        }
        return (conditions, arguments)
    }

    /// Added to a row number in `latest`'s key, so that it is written with 19 digits whatever its size and text order
    /// is numeric order (`2020-05-15` then `1000000000000000005`). Cheaper than `printf('%019d', _row)`.
    static let rowOffset = 1_000_000_000_000_000_000

    /// The period (text form) of the date or date-time in `column`.
    static func periodKey(_ column: String, _ unit: PeriodUnit) -> String {
        switch unit {
        case .month: "substr(\(column), 1, 7)"
        case .quarter: "substr(\(column), 1, 4) || 'Q' || ((CAST(substr(\(column), 6, 2) AS INTEGER) + 2) / 3)"
        case .year: "substr(\(column), 1, 4)"
        }
    }

    /// The SQL aggregate of every function but `latest` (which the outer query reads from the latest row).
    static func expression(_ function: AggregateFunction, _ column: String?) throws -> String {
        guard let column else { return "COUNT(*)" }  // validation let only `count` come without a column
        return switch function {
        // Rows with a value: neither NULL nor empty text.
        case .count: "COUNT(NULLIF(\(column), ''))"
        // TOTAL never overflows (SUM of large integers would stop the query); a group without any value has no sum.
        case .sum: "CASE WHEN COUNT(\(column)) > 0 THEN TOTAL(\(column)) END"
        // AVG divides in floating point, also for integer columns.
        case .mean: "AVG(\(column))"
        case .min: "MIN(\(column))"
        case .max: "MAX(\(column))"
        case .distinctCount: "COUNT(DISTINCT NULLIF(\(column), ''))"
        case .latest: throw MokminStoreError(ko: "최근값은 바깥 질의에서 읽습니다", en: "latest is read by the outer query")
        }
    }

    /// The result of the statement's rows: groups without a period (no date) are dropped, and so is the one row an
    /// ungrouped aggregate gives over no rows (nothing matched: no answer rather than a count of 0).
    func result(_ rows: [Row]) -> AggregateResult {
        var matched = 0
        var result: [AggregateResult.Row] = []
        for row in rows {
            var index = 0
            func next() -> DatabaseValue {
                defer { index += 1 }
                return row[index]
            }
            let period = hasPeriod ? String.fromDatabaseValue(next()).flatMap { $0.isEmpty ? nil : $0 } : nil
            let keys = keyTypes.map { type -> String? in
                let text = TypedValue(next(), as: type).plainText
                return text.isEmpty ? nil : text
            }
            let count = Int.fromDatabaseValue(next()) ?? 0
            let values = (0..<measureCount).map { _ in Self.number(next()) }
            if hasPeriod && period == nil || count == 0 { continue }
            matched += count
            result.append(AggregateResult.Row(period: period, keys: keys, values: values))
        }
        return AggregateResult(rows: result, matchedRows: matched)
    }

    /// A measure's value as a number: nil for NULL, and for text that is not a number (`latest` of a text column).
    static func number(_ value: DatabaseValue) -> Double? {
        switch value.storage {
        case .int64(let i): Double(i)
        case .double(let d): d.isFinite ? d : nil
        case .string(let s): Double(s).flatMap { $0.isFinite ? $0 : nil }
        case .null, .blob: nil
        }
    }
}

extension AggregateFilter {
    /// The date column a date range filter names.
    fileprivate var dateColumn: String? {
        if case .dateRange(let column, _, _) = self { column } else { nil }
    }
}
