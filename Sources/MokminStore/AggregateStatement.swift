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
///
/// On PostgreSQL (`dialect: .postgres`) the same statement differs where the engines do: `SUM(…)::double precision`
/// for `TOTAL`, `right(…, 19)` for `substr(…, -19)`, `NULLIF(…, '')` only on text columns, `NULLS FIRST` so that
/// groups without a value sort first as in SQLite, and `$n` placeholders.
public struct AggregateStatement: Sendable {
    public let sql: String
    /// The values bound to the placeholders, in order.
    public let values: [SQLValue]
    public let dialect: SQLDialect
    /// Whether the first column is the period; then the group columns' types, for reading their values as text.
    let hasPeriod: Bool
    let keyTypes: [ColumnType]
    let measureCount: Int

    /// The values as SQLite binds them.
    public var arguments: StatementArguments { StatementArguments(values.map(\.databaseValue)) }

    /// Validates `query` against `version`'s columns (``AggregateQuery/validate(columns:)``) and builds its SQL.
    public init(_ query: AggregateQuery, of version: DatasetVersion, dialect: SQLDialect = .sqlite) throws {
        try query.validate(columns: version.columns)
        func column(_ label: String) throws -> String {
            guard let c = version.columns.first(where: { $0.label == label }) else {
                throw MokminStoreError(ko: "검사를 통과한 열이 없습니다", en: "A validated column is missing: \(label)")
            }
            return try SQLIdentifier.quoted(c.sqlName)
        }
        /// The column as a group or count sees it: empty text is no value (PostgreSQL compares only text with '').
        func valued(_ label: String) throws -> String {
            let type = version.columns.first { $0.label == label }?.type ?? .text
            return dialect == .sqlite || !type.isNumeric && type != .boolean ? "NULLIF(\(try column(label)), '')" : try column(label)
        }
        let table = try SQLIdentifier.quoted(version.tableName)
        let postgres = dialect == .postgres
        let nullsFirst = postgres ? " NULLS FIRST" : ""

        let (conditions, binder) = try Self.conditions(query.filters, of: version, dialect: dialect, column: column)

        var inner: [String] = []
        var groups: [String] = []
        if let period = query.period {
            inner.append("\(Self.periodKey(try column(period.column), period.unit)) AS p")
            groups.append("p")
        }
        for (i, label) in query.groupBy.enumerated() {
            inner.append("\(try valued(label)) AS k\(i + 1)")
            groups.append("k\(i + 1)")
        }
        inner.append("COUNT(*) AS n")
        for (i, measure) in query.measures.enumerated() where measure.function != .latest {
            inner.append(
                "\(try Self.expression(measure.function, measure.column.map(column), valued: measure.column.map(valued), dialect)) AS m\(i + 1)")
        }
        let latest = query.measures.contains { $0.function == .latest }
        // `latest` picks by the period's column, else by a date range's column, else by the order rows were stored.
        let latestDate = try (query.period?.column ?? query.filters.lazy.compactMap(\.dateColumn).first).map(column)
        if latest { inner.append("MAX(\(latestDate.map { "\($0) || (\(Self.rowOffset) + _row)" } ?? "_row")) AS lk") }
        let ordered = groups.map { $0 + nullsFirst }
        var sql = "SELECT \(inner.joined(separator: ", ")) FROM \(table)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !groups.isEmpty { sql += " GROUP BY " + groups.joined(separator: ", ") }
        if latest {
            var outer = groups.map { "g.\($0)" } + ["g.n"]
            for (i, measure) in query.measures.enumerated() {
                outer.append(measure.function == .latest ? "l.\(try column(measure.column ?? ""))" : "g.m\(i + 1)")
            }
            let digits = postgres ? "right(g.lk, 19)" : "substr(g.lk, -19)"
            let row = latestDate == nil ? "g.lk" : "CAST(\(digits) AS \(postgres ? "bigint" : "INTEGER")) - \(Self.rowOffset)"
            sql = "SELECT \(outer.joined(separator: ", ")) FROM (\(sql)) AS g LEFT JOIN \(table) AS l ON l._row = \(row)"
            if !groups.isEmpty { sql += " ORDER BY " + ordered.map { "g.\($0)" }.joined(separator: ", ") }
        } else if !groups.isEmpty {
            sql += " ORDER BY " + ordered.joined(separator: ", ")
        }

        self.sql = sql
        self.values = binder.values
        self.dialect = dialect
        self.hasPeriod = query.period != nil
        self.keyTypes = query.groupBy.map { label in version.columns.first { $0.label == label }?.type ?? .text }
        self.measureCount = query.measures.count
    }

    /// The WHERE conditions of `filters` (joined by AND) and the values they bind.
    static func conditions(
        _ filters: [AggregateFilter], of version: DatasetVersion, dialect: SQLDialect, column: (String) throws -> String
    ) throws -> ([String], SQLBinder) {
        var conditions: [String] = []
        var binder = SQLBinder(dialect)
        for filter in filters {
            switch filter {
            case .equals(let label, let value):
                let type = version.columns.first { $0.label == label }?.type ?? .text
                // Compared as the column's type, like the row preview's filters; a value no row of that type can
                // hold matches nothing.
                guard let typed = SQLValue.filter(value, type) else {
                    conditions.append(binder.never)
                    continue
                }
                conditions.append("\(try column(label)) = \(binder.bind(typed))")
            case .region(let code):
                // The derived codes are digits only, so the codes starting with `prefix` are exactly those in
                // [prefix, prefix + ":"), ':' being the character after '9': a range the `_region` index serves.
                let prefix = AggregateFilter.regionPrefix(code)
                conditions.append("_region >= \(binder.bind(.text(prefix))) AND _region < \(binder.bind(.text(prefix + ":")))")
            case .dateRange(let label, let from, let to):
                // Dates (`YYYY-MM-DD`) and date-times (`YYYY-MM-DDTHH:MM:SS`) compare as text; the end is the
                // day after `to`, exclusive, so a date-time on the last day is inside. The column's index serves it.
                let c = try column(label)
                var parts: [String] = []
                if let from {
                    parts.append("\(c) >= \(binder.bind(.text(from)))")
                }
                if let to, let end = AggregateFilter.dayAfter(to) {
                    parts.append("\(c) < \(binder.bind(.text(end)))")
                }
                conditions.append(parts.isEmpty ? "\(c) IS NOT NULL" : parts.joined(separator: " AND "))
            }
        }
        return (conditions, binder)
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
    static func expression(_ function: AggregateFunction, _ column: String?, valued: String?, _ dialect: SQLDialect) throws -> String {
        guard let column, let valued else { return "COUNT(*)" }  // validation let only `count` come without a column
        let postgres = dialect == .postgres
        return switch function {
        // Rows with a value: neither NULL nor empty text.
        case .count: "COUNT(\(valued))"
        // TOTAL never overflows (SUM of large integers would stop the query); a group without any value has no sum.
        // PostgreSQL's SUM of integers is exact (numeric) and NULL without values: read as a double like TOTAL.
        case .sum: postgres ? "SUM(\(column))::double precision" : "CASE WHEN COUNT(\(column)) > 0 THEN TOTAL(\(column)) END"
        // AVG divides in floating point, also for integer columns.
        case .mean: postgres ? "AVG(\(column))::double precision" : "AVG(\(column))"
        case .min: "MIN(\(column))"
        case .max: "MAX(\(column))"
        case .distinctCount: "COUNT(DISTINCT \(valued))"
        case .latest: throw MokminStoreError(ko: "최근값은 바깥 질의에서 읽습니다", en: "latest is read by the outer query")
        }
    }

    /// The result of the statement's rows: groups without a period (no date) are dropped, and so is the one row an
    /// ungrouped aggregate gives over no rows (nothing matched: no answer rather than a count of 0).
    func result(_ rows: [Row]) -> AggregateResult {
        result(rows.map { row in (0..<row.count).map { (row[$0] as DatabaseValue).sqlValue } })
    }

    /// The result of the statement's rows, each read as its values (nil for NULL): what both stores give.
    public func result(_ rows: [[SQLValue?]]) -> AggregateResult {
        var matched = 0
        var result: [AggregateResult.Row] = []
        for row in rows {
            var index = 0
            func next() -> SQLValue? {
                defer { index += 1 }
                return index < row.count ? row[index] : nil
            }
            let period: String? =
                if hasPeriod, case .text(let text)? = next(), !text.isEmpty { text } else { nil }
            let keys = keyTypes.map { type -> String? in
                let text = TypedValue(next(), as: type).plainText
                return text.isEmpty ? nil : text
            }
            let count: Int =
                switch next() {
                case .integer(let n): Int(n)
                case .double(let d): Int(exactly: d) ?? 0
                default: 0
                }
            let values = (0..<measureCount).map { _ in Self.number(next()) }
            if hasPeriod && period == nil || count == 0 { continue }
            matched += count
            result.append(AggregateResult.Row(period: period, keys: keys, values: values))
        }
        return AggregateResult(rows: result, matchedRows: matched)
    }

    /// A measure's value as a number: nil for NULL, and for text that is not a number (`latest` of a text column).
    static func number(_ value: SQLValue?) -> Double? {
        switch value {
        case .integer(let i): Double(i)
        case .double(let d): d.isFinite ? d : nil
        case .text(let s): Double(s).flatMap { $0.isFinite ? $0 : nil }
        case .boolean(let b): b ? 1 : 0
        case nil: nil
        }
    }
}

extension AggregateFilter {
    /// The date column a date range filter names.
    fileprivate var dateColumn: String? {
        if case .dateRange(let column, _, _) = self { column } else { nil }
    }
}
