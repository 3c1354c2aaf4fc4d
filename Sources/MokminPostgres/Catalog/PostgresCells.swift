import Foundation
import MokminCore
import MokminStore
import PostgresNIO

/// Values of a dataset's typed tables on their way in and out: binding ``SQLValue``s, reading cells of any of the
/// types a version's table holds, and the column types themselves.
enum PostgresCells {
    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values {
            switch value {
            case .integer(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .text(let s): bindings.append(s)
            case .boolean(let b): bindings.append(b)
            }
        }
        return bindings
    }

    /// A cell as a value (nil for NULL), by its type on the wire.
    static func value(_ cell: PostgresCell) throws -> SQLValue? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int8: return .integer(try cell.decode(Int64.self))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .float8: return .double(try cell.decode(Double.self))
        case .float4: return .double(Double(try cell.decode(Float.self)))
        case .bool: return .boolean(try cell.decode(Bool.self))
        case .numeric: return Double(try cell.decode(String.self)).map(SQLValue.double)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Every cell of `row`, in order.
    static func values(_ row: PostgresRow) throws -> [SQLValue?] {
        try row.map(value)
    }

    /// The PostgreSQL type of a dataset column: text in byte order (`COLLATE "C"`), as SQLite compares and sorts it.
    static func type(_ type: ColumnType) -> String {
        switch type {
        case .integer: "bigint"
        case .boolean: "boolean"
        case .decimal, .longitude, .latitude: "double precision"
        case .text, .date, .dateTime, .regionCode: "text COLLATE \"C\""
        }
    }
}
