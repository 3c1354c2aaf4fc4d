/// A question asked of one dataset version: which rows (filters), grouped how (by period of a date column and/or by
/// columns), summed up how (measures). It is what a computed plan indicator and a dashboard chart both store; the
/// store turns it into one SQL query over the version's table, so it runs where the rows are.
public struct AggregateQuery: Sendable, Hashable, Codable {
    /// One summed-up value per group.
    public struct Measure: Sendable, Hashable, Codable {
        public var function: AggregateFunction
        /// The column's label; nil only for `count`.
        public var column: String?

        public init(_ function: AggregateFunction, column: String? = nil) {
            self.function = function
            self.column = column
        }
    }

    /// Groups rows by the period their date falls in.
    public struct PeriodGrouping: Sendable, Hashable, Codable {
        /// The label of a `date` or `dateTime` column.
        public var column: String
        public var unit: PeriodUnit

        public init(column: String, unit: PeriodUnit) {
            self.column = column
            self.unit = unit
        }
    }

    public var measures: [Measure]
    public var filters: [AggregateFilter]
    /// When set, one group per period (rows without a date are left out); `latest` picks by this column.
    public var period: PeriodGrouping?
    /// Further grouping by these columns' values (labels).
    public var groupBy: [String]

    /// At most this many measures, filters and group columns: a query a person builds stays small.
    public static let maxParts = 8

    public init(measures: [Measure], filters: [AggregateFilter] = [], period: PeriodGrouping? = nil, groupBy: [String] = []) {
        self.measures = measures
        self.filters = filters
        self.period = period
        self.groupBy = groupBy
    }
}

/// The answer to an ``AggregateQuery``: one row per group, ordered by period then group values.
public struct AggregateResult: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        /// The period (text form), when the query grouped by period.
        public var period: String?
        /// The values of the `groupBy` columns, as text (nil when empty).
        public var keys: [String?]
        /// One value per measure; nil when the group has no value for it (a mean of nothing).
        public var values: [Double?]

        public init(period: String?, keys: [String?], values: [Double?]) {
            self.period = period
            self.keys = keys
            self.values = values
        }
    }

    public var rows: [Row]
    /// The number of rows the filters kept (before grouping).
    public var matchedRows: Int

    public init(rows: [Row], matchedRows: Int) {
        self.rows = rows
        self.matchedRows = matchedRows
    }
}
