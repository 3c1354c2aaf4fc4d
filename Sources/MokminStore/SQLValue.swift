import Foundation
import MokminCore

/// The SQL each store speaks, where the two differ (placeholders, booleans, NULL order, text functions).
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}

/// A value bound to or read from a statement, the same for both stores.
public enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case double(Double)
    case text(String)
    case boolean(Bool)

    /// A filter's text as the value stored in a column of `type` (numbers as numbers, booleans as booleans), or nil
    /// when no stored value of that type could equal it.
    public static func filter(_ value: String, _ type: ColumnType) -> SQLValue? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch type {
        case .integer:
            return Int64(trimmed).map(SQLValue.integer)
                ?? Double(trimmed).flatMap { $0 == $0.rounded() ? Int64(exactly: $0).map(SQLValue.integer) : nil }
        case .decimal, .longitude, .latitude:
            return Double(trimmed).map(SQLValue.double)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "1", "y", "예": return .boolean(true)
            case "false", "0", "n", "아니오": return .boolean(false)
            default: return nil
            }
        case .text, .date, .dateTime, .regionCode:
            return .text(value)
        }
    }
}

/// Writes a statement's placeholders in the dialect's form (`?`, or `$1`, `$2` …) and keeps the values in order.
public struct SQLBinder: Sendable {
    public let dialect: SQLDialect
    public private(set) var values: [SQLValue] = []

    public init(_ dialect: SQLDialect) { self.dialect = dialect }

    /// The placeholder of `value`, which is appended to ``values``.
    public mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        return dialect == .sqlite ? "?" : "$\(values.count)"
    }

    /// The condition that no row meets.
    public var never: String { dialect == .sqlite ? "0" : "false" }
}

extension TypedValue {
    /// Reads a stored value back as a column of `type` holds it (both stores).
    public init(_ value: SQLValue?, as type: ColumnType) {
        switch value {
        case nil: self = .null
        case .integer(let i):
            switch type {
            case .boolean: self = .boolean(i != 0)
            case .decimal, .longitude, .latitude: self = .decimal(Double(i))
            case .text, .regionCode: self = .text(String(i))
            default: self = .integer(i)
            }
        case .boolean(let b): self = type == .boolean ? .boolean(b) : .integer(b ? 1 : 0)
        case .double(let d): self = type == .integer ? .integer(Int64(d)) : .decimal(d)
        case .text(let s):
            switch type {
            case .date: self = .date(s)
            case .dateTime: self = .dateTime(s)
            default: self = .text(s)
            }
        }
    }
}
