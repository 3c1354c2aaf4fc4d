import Foundation
import GRDB
import MokminCore

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
