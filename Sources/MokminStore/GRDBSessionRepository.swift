import Foundation
import GRDB
import MokminCore

/// The GRDB implementation of `SessionRepository`.
public struct GRDBSessionRepository: SessionRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func create(idHash: String, userID: Int64, csrfToken: String, expiresAt: Date, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO session (idHash, userID, csrfToken, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [idHash, userID, csrfToken, Date(), expiresAt])
            try AuditRecord(audit).insert(db)
        }
    }

    public func find(idHash: String, now: Date) async throws -> (user: User, csrfToken: String)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT userID, csrfToken FROM session WHERE idHash = ? AND expiresAt > ?", arguments: [idHash, now]),
                let user = try UserRecord.fetchOne(db, key: row["userID"] as Int64)?.user, !user.disabled
            else { return nil }
            return (user, row["csrfToken"])
        }
    }

    public func delete(idHash: String, audit: AuditEvent?) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE idHash = ?", arguments: [idHash])
            if let audit { try AuditRecord(audit).insert(db) }
        }
    }

    public func deleteExpired(now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now])
            return db.changesCount
        }
    }
}
