import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of ``FeedRepository``.
public struct GRDBFeedRepository: FeedRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func feed(_ row: Row) -> Feed {
        Feed(
            id: row["id"], name: row["name"], kind: FeedKind(rawValue: row["kind"]) ?? .generic, url: row["url"],
            hasServiceKey: (row["serviceKey"] as String?).map { !$0.isEmpty } ?? false, keyParameter: row["keyParameter"],
            intervalSeconds: row["intervalSeconds"], staleAfterSeconds: row["staleAfterSeconds"], settings: row["settings"],
            enabled: row["enabled"], createdBy: row["createdBy"], createdAt: row["createdAt"], lastRunAt: row["lastRunAt"],
            lastSuccessAt: row["lastSuccessAt"], lastFreshAt: row["lastFreshAt"], lastErrorAt: row["lastErrorAt"], lastError: row["lastError"],
            lastCount: row["lastCount"], lastIssues: row["lastIssues"], lastDataTime: row["lastDataTime"])
    }

    static func fetchFeed(_ db: Database, id: Int64) throws -> Feed {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM feed WHERE id = ?", arguments: [id]) else {
            throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)")
        }
        return feed(row)
    }

    public func create(_ f: NewFeed, audit: AuditEvent) async throws -> Feed {
        try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed WHERE name = ?", arguments: [f.name]) ?? 0 > 0 {
                throw MokminError(.conflict, ko: "같은 이름의 피드가 이미 있습니다: \(f.name)", en: "A feed with this name already exists: \(f.name)")
            }
            try db.execute(
                sql: """
                    INSERT INTO feed (name, kind, url, serviceKey, keyParameter, intervalSeconds, staleAfterSeconds, settings, createdBy, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    f.name, f.kind.rawValue, f.url, f.serviceKey, f.keyParameter, f.intervalSeconds, f.staleAfterSeconds, f.settings,
                    audit.actor, audit.at,
                ])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "feed \(id)"
            // Never the key; the caller's detail (the URL with secret values masked) follows.
            event.detail = "name=\(f.name) kind=\(f.kind.rawValue) every=\(f.intervalSeconds)s" + (audit.detail.map { " " + $0 } ?? "")
            try AuditRecord(event).insert(db)
            return try Self.fetchFeed(db, id: id)
        }
    }

    public func list() async throws -> [Feed] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM feed ORDER BY id").map(Self.feed) }
    }

    public func find(id: Int64) async throws -> Feed? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM feed WHERE id = ?", arguments: [id]).map(Self.feed) }
    }

    public func find(name: String) async throws -> Feed? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM feed WHERE name = ?", arguments: [name]).map(Self.feed) }
    }

    public func serviceKey(id: Int64) async throws -> String? {
        try await writer.read { db in try String.fetchOne(db, sql: "SELECT serviceKey FROM feed WHERE id = ?", arguments: [id]) }
    }

    public func setEnabled(id: Int64, enabled: Bool, audit: AuditEvent) async throws -> Feed {
        try await writer.write { db in
            try db.execute(sql: "UPDATE feed SET enabled = ? WHERE id = ?", arguments: [enabled, id])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)") }
            var event = audit
            event.target = "feed \(id)"
            try AuditRecord(event).insert(db)
            return try Self.fetchFeed(db, id: id)
        }
    }

    public func remove(id: Int64, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM feed WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 피드입니다: \(id)", en: "No such feed: \(id)") }
            var event = audit
            event.target = "feed \(id)"
            try AuditRecord(event).insert(db)
        }
    }

    public func recordFailure(id: Int64, at: Date, error: String) async throws -> [BoardEvent] {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE feed SET lastRunAt = ?, lastErrorAt = ?, lastError = ? WHERE id = ?", arguments: [at, at, error, id])
            guard db.changesCount > 0 else { return [] }
            return [try Self.feedEvent(db, id: id, at: at)]
        }
    }

    /// Records a successful run's health and appends the `feed` event.
    static func recordSuccess(_ db: Database, id: Int64, at: Date, fresh: Bool, count: Int, issues: Int, dataTime: String?) throws -> BoardEvent {
        try db.execute(
            sql: """
                UPDATE feed SET lastRunAt = ?, lastSuccessAt = ?, lastError = NULL, lastCount = ?, lastIssues = ?,
                  lastFreshAt = CASE WHEN ? THEN ? ELSE lastFreshAt END,
                  lastDataTime = CASE WHEN lastDataTime IS NULL OR ? > lastDataTime THEN ? ELSE lastDataTime END
                WHERE id = ?
                """, arguments: [at, at, count, issues, fresh, at, dataTime, dataTime, id])
        return try feedEvent(db, id: id, at: at)
    }

    static func feedEvent(_ db: Database, id: Int64, at: Date) throws -> BoardEvent {
        let health = FeedHealth(try fetchFeed(db, id: id), now: at)
        return try BoardEventLog.append(db, kind: .feed, data: BoardJSON.encode(health), at: at)
    }

    public func messages(limit: Int) async throws -> [DisasterMessage] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM disasterMessage ORDER BY createdAt DESC, serial DESC LIMIT ?", arguments: [limit])
                .map(Self.message)
        }
    }

    static func message(_ row: Row) -> DisasterMessage {
        let regions = (try? JSONDecoder().decode([String].self, from: Data((row["regions"] as String).utf8))) ?? []
        return DisasterMessage(
            serial: row["serial"], createdAt: row["createdAt"], text: row["text"], regions: regions,
            level: DisasterLevel(rawValue: row["level"]) ?? .safetyGuidance, kind: row["kind"], registeredOn: row["registeredOn"],
            modifiedOn: row["modifiedOn"])
    }

    public func ingest(feedID: Int64, messages: [DisasterMessage], issues: Int, at: Date) async throws -> (
        new: [DisasterMessage], events: [BoardEvent]
    ) {
        try await writer.write { db in
            _ = try Self.fetchFeed(db, id: feedID)  // an unknown feed is not found, whatever the batch holds
            var new: [DisasterMessage] = []
            var events: [BoardEvent] = []
            for message in messages {
                let known = try Row.fetchOne(db, sql: "SELECT modifiedOn FROM disasterMessage WHERE serial = ?", arguments: [message.serial])
                if let known, (known["modifiedOn"] as String? ?? "") >= (message.modifiedOn ?? "") { continue }
                try db.execute(
                    sql: """
                        INSERT INTO disasterMessage (serial, feedID, createdAt, text, regions, level, kind, registeredOn, modifiedOn, receivedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(serial) DO UPDATE SET createdAt = excluded.createdAt, text = excluded.text, regions = excluded.regions,
                          level = excluded.level, kind = excluded.kind, registeredOn = excluded.registeredOn, modifiedOn = excluded.modifiedOn
                        """,
                    arguments: [
                        message.serial, feedID, message.createdAt, message.text, try BoardJSON.encode(message.regions), message.level.rawValue,
                        message.kind, message.registeredOn, message.modifiedOn, at,
                    ])
                if known == nil { new.append(message) }
                events.append(try BoardEventLog.append(db, kind: .message, data: BoardJSON.encode(message), at: at))
            }
            // An answer without new messages is still current: a message feed is fresh whenever it answers.
            let newest = messages.map(\.createdAt).max()
            events.append(
                try Self.recordSuccess(db, id: feedID, at: at, fresh: true, count: messages.count, issues: issues, dataTime: newest))
            return (new, events)
        }
    }
}
