import Foundation
import GRDB
import MokminBase
import MokminCore
import Synchronization

/// The GRDB implementation of `APITokenRepository`.
public struct GRDBAPITokenRepository: APITokenRepository {
    let writer: any DatabaseWriter
    /// When this process last recorded each token's use, shared by every copy of this repository.
    let uses = TokenUseLog()
    public init(_ database: AppDatabase) { writer = database.writer }

    private static let select = """
        SELECT apiToken.*, user.login AS login FROM apiToken JOIN user ON user.id = apiToken.userID
        """

    private static func token(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], login: row["login"], label: row["label"], displayOnly: row["displayOnly"],
            createdAt: row["createdAt"], lastUsedAt: row["lastUsedAt"], revokedAt: row["revokedAt"])
    }

    public func create(userID: Int64, label: String, tokenHash: String, displayOnly: Bool, audit: AuditEvent) async throws -> APIToken {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO apiToken (userID, label, tokenHash, displayOnly, createdAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [userID, label, tokenHash, displayOnly, Date()])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "token \(id)"
            try AuditRecord(event).insert(db)
            let row = try Row.fetchOne(db, sql: Self.select + " WHERE apiToken.id = ?", arguments: [id])!
            return Self.token(row)
        }
    }

    public func authenticate(tokenHash: String, now: Date) async throws -> (token: APIToken, user: User)? {
        // A read: token checks run side by side, and do not wait for the one writer (an import can hold it for
        // seconds).
        let found = try await writer.read { db -> (APIToken, User)? in
            guard
                let row = try Row.fetchOne(
                    db, sql: Self.select + " WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [tokenHash]),
                let user = try UserRecord.fetchOne(db, key: row["userID"] as Int64)?.user, !user.disabled
            else { return nil }
            return (Self.token(row), user)
        }
        guard let found else { return nil }
        var token = found.0
        let user = found.1
        // Record use at most once a minute per token, so that busy display screens do not write on every request.
        if uses.claim(token: token.id, storedLastUse: token.lastUsedAt, now: now) {
            let id = token.id
            try await writer.write { db in
                try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, id])
            }
            token.lastUsedAt = now
        }
        return (token, user)
    }

    public func list() async throws -> [APIToken] {
        try await writer.read { db in try Row.fetchAll(db, sql: Self.select + " ORDER BY apiToken.id").map(Self.token) }
    }

    public func revoke(id: Int64, audit: AuditEvent) async throws {
        try await writer.write { db in
            guard let revoked = try Row.fetchOne(db, sql: "SELECT revokedAt FROM apiToken WHERE id = ?", arguments: [id]) else {
                throw MokminError(.notFound, ko: "없는 토큰입니다: \(id)", en: "No such token: \(id)")
            }
            if (revoked["revokedAt"] as Date?) != nil {
                throw MokminError(.conflict, ko: "이미 폐기된 토큰입니다: \(id)", en: "The token is already revoked: \(id)")
            }
            try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE id = ?", arguments: [Date(), id])
            try AuditRecord(audit).insert(db)
        }
    }
}

/// When this process last recorded each token's use, so that of many requests arriving together with one token only
/// the first writes its use (once a minute at most).
final class TokenUseLog: Sendable {
    static let interval: TimeInterval = 60
    private let recorded = Mutex<[Int64: Date]>([:])

    /// Whether the caller should record the token's use now; if so, the use counts as recorded from `now`.
    func claim(token id: Int64, storedLastUse: Date?, now: Date) -> Bool {
        if let stored = storedLastUse, now.timeIntervalSince(stored) <= Self.interval { return false }
        return recorded.withLock { recorded in
            if let last = recorded[id], now.timeIntervalSince(last) <= Self.interval { return false }
            if recorded.count > 10_000 { recorded.removeAll() }
            recorded[id] = now
            return true
        }
    }
}
