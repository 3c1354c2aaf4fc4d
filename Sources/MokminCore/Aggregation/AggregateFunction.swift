/// How the values of one column are summed up over a group of rows.
public enum AggregateFunction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The number of rows (no column needed); with a column, of the rows that have a value in it (not empty).
    case count
    case sum
    case mean
    case min
    case max
    /// The number of distinct non-empty values.
    case distinctCount = "distinct_count"
    /// The value of the last row by the date column (ties: the row stored last); for running totals such as
    /// "meters installed so far". The date column is the period's; without a period, a date range filter's; without
    /// either, the row stored last. The value is that row's, even when it is empty there.
    case latest

    /// Whether the function needs a numeric column (count, distinct count and latest take any column).
    public var needsNumber: Bool {
        switch self {
        case .sum, .mean, .min, .max: true
        case .count, .distinctCount, .latest: false
        }
    }

    public var koreanName: String {
        switch self {
        case .count: "건수"
        case .sum: "합계"
        case .mean: "평균"
        case .min: "최솟값"
        case .max: "최댓값"
        case .distinctCount: "고유값 수"
        case .latest: "최근값"
        }
    }
}
