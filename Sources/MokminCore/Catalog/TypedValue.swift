/// One value of a typed column.
public enum TypedValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case decimal(Double)
    case boolean(Bool)
    case text(String)
    /// `YYYY-MM-DD`.
    case date(String)
    /// `YYYY-MM-DDTHH:MM:SS`.
    case dateTime(String)
}
