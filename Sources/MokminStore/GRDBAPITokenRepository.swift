import Foundation
import GRDB
import MokminCore

/// The GRDB implementation of `APITokenRepository`.
public struct GRDBAPITokenRepository: APITokenRepository {
    let writer: any DatabaseWriter
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
        try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: Self.select + " WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [tokenHash]),
                let user = try UserRecord.fetchOne(db, key: row["userID"] as Int64)?.user, !user.disabled
            else { return nil }
            var token = Self.token(row)
            // Record use at most once a minute, so that busy display screens do not write on every request.
            if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, token.id])
                token.lastUsedAt = now
            }
            return (token, user)
        }
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
