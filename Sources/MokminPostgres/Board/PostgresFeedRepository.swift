import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of ``FeedRepository``: feeds, series, readings (a table partitioned by month),
/// hourly aggregates and disaster messages.
public struct PostgresFeedRepository: FeedRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let columns = """
        id, name, kind, url, servicekey IS NOT NULL AND servicekey <> '', keyparameter, intervalseconds, staleafterseconds, settings, enabled,
        createdby, createdat, lastrunat, lastsuccessat, lastfreshat, lasterrorat, lasterror, lastcount, lastissues, lastdatatime
        """
    typealias Row = (
        Int64, String, String, String, Bool, String, Int, Int, String, Bool, String?, Date, Date?, Date?, Date?, Date?, String?, Int?, Int?, String?
    )

    static func feed(_ r: Row) -> Feed {
        Feed(
            id: r.0, name: r.1, kind: FeedKind(rawValue: r.2) ?? .generic, url: r.3, hasServiceKey: r.4, keyParameter: r.5, intervalSeconds: r.6,
            staleAfterSeconds: r.7, settings: r.8, enabled: r.9, createdBy: r.10, createdAt: r.11, lastRunAt: r.12, lastSuccessAt: r.13,
            lastFreshAt: r.14, lastErrorAt: r.15, lastError: r.16, lastCount: r.17, lastIssues: r.18, lastDataTime: r.19)
    }

    static func feeds(_ connection: PostgresConnection, _ condition: String, _ binds: PostgresBindings = PostgresBindings(), logger: Logger)
        async throws
        -> [Feed]
    {
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM feed \(condition)", binds: binds), logger: logger).decode(
            Row.self
        ).all()
            .map(feed)
    }

    static func fetchFeed(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> Feed {
        var binds = PostgresBindings()
        binds.append(id)
        guard let feed = try await feeds(connection, "WHERE id = $1", binds, logger: logger).first else {
            throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)")
        }
        return feed
    }

    public func create(_ f: NewFeed, audit: AuditEvent) async throws -> Feed {
        do {
            return try await store.transaction { connection in
                let id = try await connection.query(
                    """
                    INSERT INTO feed (name, kind, url, servicekey, keyparameter, intervalseconds, staleafterseconds, settings, createdby, createdat)
                    VALUES (\(f.name), \(f.kind.rawValue), \(f.url), \(f.serviceKey), \(f.keyParameter), \(f.intervalSeconds), \(f.staleAfterSeconds),
                        \(f.settings), \(audit.actor), \(audit.at))
                    RETURNING id
                    """, logger: logger
                ).decode(Int64.self).firstElement()!
                var event = audit
                event.target = "feed \(id)"
                // Never the key; the caller's detail (the URL with secret values masked) follows.
                event.detail = "name=\(f.name) kind=\(f.kind.rawValue) every=\(f.intervalSeconds)s" + (audit.detail.map { " " + $0 } ?? "")
                try await connection.record(event, logger: logger)
                return try await Self.fetchFeed(connection, id: id, logger: logger)
            }
        } catch let error as PostgresStoreError where error.isUniqueViolation {
            throw MokminError(.conflict, ko: "같은 이름의 피드가 이미 있습니다: \(f.name)", en: "A feed with this name already exists: \(f.name)")
        }
    }

    public func list() async throws -> [Feed] {
        try await store.connection { try await Self.feeds($0, "ORDER BY id", logger: logger) }
    }

    public func find(id: Int64) async throws -> Feed? {
        try await store.connection { connection in
            var binds = PostgresBindings()
            binds.append(id)
            return try await Self.feeds(connection, "WHERE id = $1", binds, logger: logger).first
        }
    }

    public func find(name: String) async throws -> Feed? {
        try await store.connection { connection in
            var binds = PostgresBindings()
            binds.append(name)
            return try await Self.feeds(connection, "WHERE name = $1", binds, logger: logger).first
        }
    }

    public func serviceKey(id: Int64) async throws -> String? {
        try await store.connection { connection in
            try await connection.query("SELECT servicekey FROM feed WHERE id = \(id)", logger: logger).decode(String?.self).firstElement() ?? nil
        }
    }

    public func setEnabled(id: Int64, enabled: Bool, audit: AuditEvent) async throws -> Feed {
        try await store.transaction { connection in
            guard try await connection.count("UPDATE feed SET enabled = \(enabled) WHERE id = \(id) RETURNING 1", logger: logger) > 0 else {
                throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)")
            }
            var event = audit
            event.target = "feed \(id)"
            try await connection.record(event, logger: logger)
            return try await Self.fetchFeed(connection, id: id, logger: logger)
        }
    }

    public func remove(id: Int64, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard try await connection.count("DELETE FROM feed WHERE id = \(id) RETURNING 1", logger: logger) > 0 else {
                throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)")
            }
            var event = audit
            event.target = "feed \(id)"
            try await connection.record(event, logger: logger)
        }
    }

    public func recordFailure(id: Int64, at: Date, error: String) async throws -> [BoardEvent] {
        try await store.transaction { connection in
            guard
                try await connection.count(
                    "UPDATE feed SET lastrunat = \(at), lasterrorat = \(at), lasterror = \(error) WHERE id = \(id) RETURNING 1", logger: logger) > 0
            else { return [] }
            return [try await Self.feedEvent(connection, id: id, at: at, logger: logger)]
        }
    }

    /// Records a successful run's health and appends the `feed` event.
    static func recordSuccess(
        _ connection: PostgresConnection, id: Int64, at: Date, fresh: Bool, count: Int, issues: Int, dataTime: String?, logger: Logger
    ) async throws -> BoardEvent {
        try await connection.query(
            """
            UPDATE feed SET lastrunat = \(at), lastsuccessat = \(at), lasterror = NULL, lastcount = \(count), lastissues = \(issues),
              lastfreshat = CASE WHEN \(fresh) THEN \(at) ELSE lastfreshat END,
              lastdatatime = CASE WHEN lastdatatime IS NULL OR \(dataTime) > lastdatatime COLLATE "C" THEN \(dataTime) ELSE lastdatatime END
            WHERE id = \(id)
            """, logger: logger)
        return try await feedEvent(connection, id: id, at: at, logger: logger)
    }

    static func feedEvent(_ connection: PostgresConnection, id: Int64, at: Date, logger: Logger) async throws -> BoardEvent {
        let health = FeedHealth(try await fetchFeed(connection, id: id, logger: logger), now: at)
        return try await PostgresBoardEvents.append(connection, kind: .feed, data: BoardJSON.encode(health), at: at, logger: logger)
    }

    public func messages(limit: Int) async throws -> [DisasterMessage] {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT serial, createdat, text, regions, level, kind, registeredon, modifiedon FROM disastermessage
                ORDER BY createdat COLLATE "C" DESC, serial COLLATE "C" DESC LIMIT \(limit)
                """, logger: logger
            ).decode((String, String, String, String, String, String?, String?, String?).self).all().map(Self.message)
        }
    }

    static func message(_ r: (String, String, String, String, String, String?, String?, String?)) -> DisasterMessage {
        let regions = (try? JSONDecoder().decode([String].self, from: Data(r.3.utf8))) ?? []
        return DisasterMessage(
            serial: r.0, createdAt: r.1, text: r.2, regions: regions, level: DisasterLevel(rawValue: r.4) ?? .safetyGuidance, kind: r.5,
            registeredOn: r.6, modifiedOn: r.7)
    }

    public func ingest(feedID: Int64, messages: [DisasterMessage], issues: Int, at: Date) async throws -> (
        new: [DisasterMessage], events: [BoardEvent]
    ) {
        try await store.transaction { connection in
            _ = try await Self.fetchFeed(connection, id: feedID, logger: logger)  // an unknown feed is not found, whatever the batch holds
            // Two servers reading the same messages at once take turns.
            try await connection.lock("feed:\(feedID)", logger: logger)
            var new: [DisasterMessage] = []
            var events: [BoardEvent] = []
            for message in messages {
                let known = try await connection.query(
                    "SELECT modifiedon FROM disastermessage WHERE serial = \(message.serial)", logger: logger
                ).decode(String?.self).firstElement()
                if let known, (known ?? "") >= (message.modifiedOn ?? "") { continue }
                try await connection.query(
                    """
                    INSERT INTO disastermessage (serial, feedid, createdat, text, regions, level, kind, registeredon, modifiedon, receivedat)
                    VALUES (\(message.serial), \(feedID), \(message.createdAt), \(message.text), \(try BoardJSON.encode(message.regions)),
                        \(message.level.rawValue), \(message.kind), \(message.registeredOn), \(message.modifiedOn), \(at))
                    ON CONFLICT (serial) DO UPDATE SET createdat = excluded.createdat, text = excluded.text, regions = excluded.regions,
                      level = excluded.level, kind = excluded.kind, registeredon = excluded.registeredon, modifiedon = excluded.modifiedon
                    """, logger: logger)
                if known == nil { new.append(message) }
                events.append(
                    try await PostgresBoardEvents.append(connection, kind: .message, data: BoardJSON.encode(message), at: at, logger: logger))
            }
            // An answer without new messages is still current: a message feed is fresh whenever it answers.
            let newest = messages.map(\.createdAt).max()
            events.append(
                try await Self.recordSuccess(
                    connection, id: feedID, at: at, fresh: true, count: messages.count, issues: issues, dataTime: newest, logger: logger))
            return (new, events)
        }
    }
}
