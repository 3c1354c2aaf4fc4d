import Foundation
import GRDB
import GRDBSQLite
import MokminBase
import MokminCore

/// Interrupts a query that runs too long, through SQLite's progress handler (checked every few thousand virtual
/// machine steps), so that one expensive search cannot hold a connection.
enum QueryTimeLimit {
    /// How many SQLite virtual-machine steps pass between two looks at the clock (a fraction of a millisecond).
    static let steps: Int32 = 20_000

    /// Runs `body` on `db`, interrupting it after `seconds` (no limit when nil) with an error that says so.
    static func run<T>(_ db: Database, seconds: Double?, _ body: () throws -> T) throws -> T {
        guard let seconds, seconds > 0, seconds.isFinite else { return try body() }
        let deadline = Deadline(DispatchTime.now().uptimeNanoseconds + UInt64(min(seconds, 3600) * 1e9))
        let context = Unmanaged.passRetained(deadline)
        let connection = db.sqliteConnection
        sqlite3_progress_handler(
            connection, steps,
            { pointer in
                guard let pointer else { return 0 }
                let deadline = Unmanaged<Deadline>.fromOpaque(pointer).takeUnretainedValue()
                return DispatchTime.now().uptimeNanoseconds > deadline.nanoseconds ? 1 : 0
            }, context.toOpaque())
        defer {
            sqlite3_progress_handler(connection, 0, nil, nil)
            context.release()
        }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            let shown = String(format: "%g", seconds)
            throw MokminError(
                .invalidInput, ko: "질의가 \(shown)초 안에 끝나지 않아 멈췄습니다. 필터로 좁히거나 파일로 내려받으세요",
                en: "The query did not finish within \(shown) s and was stopped: narrow it with filters, or download the file")
        }
    }

    private final class Deadline {
        let nanoseconds: UInt64
        init(_ nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
    }
}
