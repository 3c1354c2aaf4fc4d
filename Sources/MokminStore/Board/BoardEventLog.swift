import Foundation
import GRDB
import MokminCore

/// The board's event log: appended inside the transactions that change what the events describe, read by the
/// live stream to replay what a reconnecting client missed.
public protocol BoardEventRepository: Sendable {
    /// Events with an id above `id`, oldest first, at most `limit`.
    func events(after id: Int64, limit: Int) async throws -> [BoardEvent]
    /// The newest event id (0 when there is none).
    func latestID() async throws -> Int64
    /// Deletes events older than `before`, always keeping the newest `keep`; returns how many it deleted.
    func prune(before: Date, keep: Int) async throws -> Int
}

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

/// The GRDB implementation of ``BoardEventRepository``.
public struct GRDBBoardEventRepository: BoardEventRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func events(after id: Int64, limit: Int) async throws -> [BoardEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM boardEvent WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
                .map(BoardEventLog.event)
        }
    }

    public func latestID() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM boardEvent") ?? 0 }
    }

    public func prune(before: Date, keep: Int) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    DELETE FROM boardEvent WHERE createdAt < ?
                      AND id <= (SELECT COALESCE(MAX(id), 0) - ? FROM boardEvent)
                    """, arguments: [before.timeIntervalSince1970, keep])
            return db.changesCount
        }
    }
}
