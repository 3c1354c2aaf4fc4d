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
        self.init(value.sqlValue, as: type)
    }
}

extension DatabaseValue {
    /// The value as either store reads it (nil for NULL; a blob, which no dataset column holds, reads as NULL).
    var sqlValue: SQLValue? {
        switch storage {
        case .null, .blob: nil
        case .int64(let i): .integer(i)
        case .double(let d): .double(d)
        case .string(let s): .text(s)
        }
    }
}

extension SQLValue {
    /// The value as SQLite stores it (booleans as 0 and 1).
    var databaseValue: DatabaseValue {
        switch self {
        case .integer(let i): i.databaseValue
        case .double(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .boolean(let b): (b ? 1 : 0).databaseValue
        }
    }
}
