import Foundation
import MokminCore

/// Browser sessions, stored by the SHA-256 of the session cookie's value.
public protocol SessionRepository: Sendable {
    func create(idHash: String, userID: Int64, csrfToken: String, expiresAt: Date, audit: AuditEvent) async throws
    /// The live session and its account: nil when unknown, expired or the account is disabled.
    func find(idHash: String, now: Date) async throws -> (user: User, csrfToken: String)?
    func delete(idHash: String, audit: AuditEvent?) async throws
    func deleteExpired(now: Date) async throws -> Int
}
