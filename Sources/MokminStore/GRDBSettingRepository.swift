import Foundation
import GRDB
import MokminCore

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
