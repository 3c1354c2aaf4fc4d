import GRDB
import MokminCore

extension TypedValue {
    /// The value as SQLite stores it in a column of `type`.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .decimal(let v): v.databaseValue
        case .boolean(let v): (v ? 1 : 0).databaseValue
        case .text(let v), .date(let v), .dateTime(let v): v.databaseValue
        }
    }

    /// Reads a stored value back as the column's type.
    init(_ value: DatabaseValue, as type: ColumnType) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i):
            switch type {
            case .boolean: self = .boolean(i != 0)
            case .decimal, .longitude, .latitude: self = .decimal(Double(i))
            case .text, .regionCode: self = .text(String(i))
            default: self = .integer(i)
            }
        case .double(let d): self = type == .integer ? .integer(Int64(d)) : .decimal(d)
        case .string(let s):
            switch type {
            case .date: self = .date(s)
            case .dateTime: self = .dateTime(s)
            default: self = .text(s)
            }
        case .blob: self = .null
        }
    }
}
