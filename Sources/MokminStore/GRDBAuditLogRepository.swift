import Foundation
import GRDB
import MokminCore

/// The GRDB implementation of `AuditLogRepository`.
public struct GRDBAuditLogRepository: AuditLogRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func record(_ event: AuditEvent) async throws {
        try await writer.write { db in try AuditRecord(event).insert(db) }
    }

    public func recent(limit: Int) async throws -> [AuditEvent] {
        try await writer.read { db in
            try AuditRecord.fetchAll(db, sql: "SELECT * FROM auditLog ORDER BY id DESC LIMIT ?", arguments: [limit]).map(\.event)
        }
    }

    public func count(action: String, target: String?, origin: String?, since: Date) async throws -> Int {
        try await writer.read { db in
            var sql = "SELECT COUNT(*) FROM auditLog WHERE action = ? AND at >= ?"
            var arguments: StatementArguments = [action, since]
            if let target {
                sql += " AND target = ?"
                _ = arguments.append(contentsOf: [target])
            }
            if let origin {
                sql += " AND origin = ?"
                _ = arguments.append(contentsOf: [origin])
            }
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }
}

/// The GRDB implementation of `SettingRepository`.
public struct GRDBSettingRepository: SettingRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func value(for key: String) async throws -> String? {
        try await writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func set(_ value: String, for key: String, audit: AuditEvent?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
            if let audit { try AuditRecord(audit).insert(db) }
        }
    }

    public func update(for key: String, _ change: @escaping @Sendable (String?) throws -> (value: String, audit: AuditEvent?)) async throws
        -> String
    {
        try await writer.write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
            let (value, audit) = try change(old)
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
            if let audit { try AuditRecord(audit).insert(db) }
            return value
        }
    }
}
