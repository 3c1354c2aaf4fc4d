import Foundation
import MokminCore

/// The audit log: append-only.
public protocol AuditLogRepository: Sendable {
    func record(_ event: AuditEvent) async throws
    func recent(limit: Int) async throws -> [AuditEvent]
    /// How many events of `action` name `target`, or come from `origin`, since `since`.
    func count(action: String, target: String?, origin: String?, since: Date) async throws -> Int
}
