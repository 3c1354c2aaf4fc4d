import GRDB
import GRDBSQLite
import MokminCore

/// Inserts rows through one prepared statement, binding each value straight to SQLite (no boxing per value:
/// an import writes tens of millions of them). Used inside one of a staged import's write transactions.
struct StatementRowWriter {
    let statement: Statement
    let columnCount: Int
    /// Rows actually inserted (an `INSERT OR IGNORE` may skip one).
    private(set) var inserted = 0

    init(statement: Statement, columnCount: Int) {
        self.statement = statement
        self.columnCount = columnCount
    }

    mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws {
        guard values.count == columnCount else {
            throw MokminStoreError(
                ko: "\(line)행: 값 \(values.count)개, 열 \(columnCount)개", en: "\(values.count) values for \(columnCount) columns (line \(line))")
        }
        let handle = statement.sqliteStatement
        var code = sqlite3_bind_int64(handle, 1, Int64(line))
        code |= Self.bind(handle, 2, region)
        code |= Self.bind(handle, 3, geometry)
        // Bound in place: the values are neither copied nor retained on their way to SQLite.
        for offset in 0..<columnCount {
            let index = Int32(offset + 4)
            switch values[values.startIndex + offset] {
            case .null: code |= sqlite3_bind_null(handle, index)
            case .integer(let v): code |= sqlite3_bind_int64(handle, index, v)
            case .decimal(let v): code |= sqlite3_bind_double(handle, index, v)
            case .boolean(let v): code |= sqlite3_bind_int64(handle, index, v ? 1 : 0)
            case .text(let v), .date(let v), .dateTime(let v): code |= Self.bind(handle, index, v)
            }
        }
        guard code == SQLITE_OK else { throw MokminStoreError(ko: "\(line)행의 값을 묶지 못했습니다", en: "binding values failed (line \(line))") }
        let step = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard step == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            throw MokminStoreError(ko: "\(line)행을 저장하지 못했습니다: \(message)", en: "storing the row failed (line \(line)): \(message)")
        }
        inserted += Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ handle: OpaquePointer, _ index: Int32, _ text: String?) -> Int32 {
        guard var text else { return sqlite3_bind_null(handle, index) }
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        }
    }
}
