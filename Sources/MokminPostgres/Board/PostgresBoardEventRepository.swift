import Foundation
import Logging
import MokminCore
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of ``BoardEventRepository``; other servers learn of appended events through
/// `NOTIFY mokmin_board` (``appendedElsewhere()``).
public struct PostgresBoardEventRepository: BoardEventRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func events(after id: Int64, limit: Int) async throws -> [BoardEvent] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT id, kind, data, createdat FROM boardevent WHERE id > \(id) ORDER BY id LIMIT \(limit)", logger: logger
            ).decode((Int64, String, String, Double).self).all().map(PostgresBoardEvents.event)
        }
    }

    public func latestID() async throws -> Int64 {
        try await store.connection { connection in
            try await connection.query("SELECT COALESCE(max(id), 0) FROM boardevent", logger: logger).decode(Int64.self).firstElement() ?? 0
        }
    }

    public func prune(before: Date, keep: Int) async throws -> Int {
        try await store.connection { connection in
            try await connection.count(
                """
                DELETE FROM boardevent WHERE createdat < \(before.timeIntervalSince1970)
                  AND id <= (SELECT COALESCE(max(id), 0) - \(keep) FROM boardevent) RETURNING 1
                """, logger: logger)
        }
    }

    public func appendedElsewhere() -> AsyncStream<Void>? {
        let notifications = store.notifications(on: PostgresBoardEvents.channel)
        return AsyncStream { continuation in
            let task = Task {
                for await _ in notifications { continuation.yield() }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// The board's event log on PostgreSQL: appended inside the caller's transaction, after a transaction-scoped lock that
/// makes event-writing transactions commit in id order (a client resuming after id N never misses a smaller id that
/// committed later), and announced to every server with `NOTIFY` at commit.
enum PostgresBoardEvents {
    static let channel = "mokmin_board"

    static func append(_ connection: PostgresConnection, kind: BoardEvent.Kind, data: String, at: Date, logger: Logger) async throws -> BoardEvent {
        try await connection.lock("board-events", logger: logger)
        let id = try await connection.query(
            "INSERT INTO boardevent (kind, data, createdat) VALUES (\(kind.rawValue), \(data), \(at.timeIntervalSince1970)) RETURNING id",
            logger: logger
        ).decode(Int64.self).firstElement()!
        try await connection.query("SELECT pg_notify(\(channel), \(String(id)))", logger: logger)
        return BoardEvent(id: id, kind: kind, data: data, createdAt: at)
    }

    static func event(_ r: (Int64, String, String, Double)) -> BoardEvent {
        BoardEvent(id: r.0, kind: BoardEvent.Kind(rawValue: r.1) ?? .feed, data: r.2, createdAt: Date(timeIntervalSince1970: r.3))
    }
}
