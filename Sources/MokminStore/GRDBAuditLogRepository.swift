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
