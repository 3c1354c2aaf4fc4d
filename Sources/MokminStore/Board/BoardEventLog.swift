import Foundation
import GRDB
import MokminCore

enum BoardEventLog {
    /// Appends an event in the caller's transaction.
    static func append(_ db: Database, kind: BoardEvent.Kind, data: String, at: Date) throws -> BoardEvent {
        try db.execute(
            sql: "INSERT INTO boardEvent (kind, data, createdAt) VALUES (?, ?, ?)", arguments: [kind.rawValue, data, at.timeIntervalSince1970])
        return BoardEvent(id: db.lastInsertedRowID, kind: kind, data: data, createdAt: at)
    }

    static func event(_ row: Row) -> BoardEvent {
        BoardEvent(
            id: row["id"], kind: BoardEvent.Kind(rawValue: row["kind"]) ?? .feed, data: row["data"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }
}
