import MokminBase
import MokminGeo

extension TypedValue {
    /// The value as it is written in a CSV file or a table cell: integers without a decimal point, booleans as
    /// `true`/`false`, dates as ISO text, null as the empty string.
    public var plainText: String {
        switch self {
        case .null: ""
        case .integer(let i): String(i)
        case .decimal(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .boolean(let b): b ? "true" : "false"
        case .text(let s), .date(let s), .dateTime(let s): s
        }
    }

    /// The value as JSON: null, a number, a boolean or a string (dates as ISO text).
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .integer(let i): .number(Double(i))
        case .decimal(let d): .number(d)
        case .boolean(let b): .bool(b)
        case .text(let s), .date(let s), .dateTime(let s): .string(s)
        }
    }
}
