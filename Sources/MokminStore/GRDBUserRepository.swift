import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of `UserRepository`.
public struct GRDBUserRepository: UserRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func create(login: String, name: String, role: Role, passwordHash: String, audit: AuditEvent) async throws -> User {
        try await writer.write { db in
            if try UserRecord.filter(UserRecord.Columns.login == login).fetchCount(db) > 0 {
                throw MokminError(.conflict, ko: "이미 있는 로그인입니다: \(login)", en: "The login already exists: \(login)")
            }
            var record = UserRecord(
                id: nil, login: login, name: name, role: role.rawValue, passwordHash: passwordHash, disabled: false, createdAt: audit.at, city: nil)
            try record.insert(db)
            try AuditRecord(audit).insert(db)
            // What was stored (the database keeps milliseconds), so that create and find agree.
            return try UserRecord.fetchOne(db, key: db.lastInsertedRowID)?.user ?? record.user
        }
    }

    public func find(login: String) async throws -> User? {
        try await writer.read { db in try UserRecord.filter(UserRecord.Columns.login == login).fetchOne(db)?.user }
    }

    public func find(id: Int64) async throws -> User? {
        try await writer.read { db in try UserRecord.fetchOne(db, key: id)?.user }
    }

    public func credentials(login: String) async throws -> (User, passwordHash: String)? {
        try await writer.read { db in
            try UserRecord.filter(UserRecord.Columns.login == login).fetchOne(db).map { ($0.user, $0.passwordHash) }
        }
    }

    public func list() async throws -> [User] {
        try await writer.read { db in try UserRecord.order(UserRecord.Columns.login).fetchAll(db).map(\.user) }
    }

    public func setPasswordHash(login: String, passwordHash: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            let id = try Self.requireID(db, login)
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE id = ?", arguments: [passwordHash, id])
            try db.execute(sql: "DELETE FROM session WHERE userID = ?", arguments: [id])
            try AuditRecord(audit).insert(db)
        }
    }

    public func disable(login: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            let id = try Self.requireID(db, login)
            try db.execute(sql: "UPDATE user SET disabled = 1 WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM session WHERE userID = ?", arguments: [id])
            try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE userID = ? AND revokedAt IS NULL", arguments: [Date(), id])
            try AuditRecord(audit).insert(db)
        }
    }

    public func setCity(login: String, city: String?, audit: AuditEvent) async throws {
        try await writer.write { db in
            let id = try Self.requireID(db, login)
            try db.execute(sql: "UPDATE user SET city = ? WHERE id = ?", arguments: [city, id])
            try AuditRecord(audit).insert(db)
        }
    }

    public func count() async throws -> Int {
        try await writer.read { db in try UserRecord.fetchCount(db) }
    }

    static func requireID(_ db: Database, _ login: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE login = ?", arguments: [login]) else {
            throw MokminError(.notFound, ko: "없는 로그인입니다: \(login)", en: "No such login: \(login)")
        }
        return id
    }
}
