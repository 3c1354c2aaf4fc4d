/// A condition rows must meet to be counted.
public enum AggregateFilter: Sendable, Hashable, Codable {
    /// The column (by its label) holds exactly this value, compared as the column's type.
    case equals(column: String, value: String)
    /// The row lies in this 읍면동 (by the code the hub derived for it), or in a 시군구 or 시도 containing it when the
    /// code is shorter (a prefix of the 10-digit code) or names one with ten digits (`3611000000`).
    case region(code: String)
    /// The date column lies in `[from, to]` (inclusive days, `YYYY-MM-DD`; either end may be open).
    case dateRange(column: String, from: String?, to: String?)
}
