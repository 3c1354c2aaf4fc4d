import Foundation
import MokminCore

/// Accounts. Every change writes its audit event in the same transaction.
public protocol UserRepository: Sendable {
    /// Creates an account; a login that exists is a `conflict`.
    func create(login: String, name: String, role: Role, passwordHash: String, audit: AuditEvent) async throws -> User
    func find(login: String) async throws -> User?
    func find(id: Int64) async throws -> User?
    /// The account and its password hash, for checking a password.
    func credentials(login: String) async throws -> (User, passwordHash: String)?
    func list() async throws -> [User]
    /// Replaces the password hash and ends the account's sessions.
    func setPasswordHash(login: String, passwordHash: String, audit: AuditEvent) async throws
    /// Disables the account, ends its sessions and revokes its tokens.
    func disable(login: String, audit: AuditEvent) async throws
    func count() async throws -> Int
}

/// Browser sessions, stored by the SHA-256 of the session cookie's value.
public protocol SessionRepository: Sendable {
    func create(idHash: String, userID: Int64, csrfToken: String, expiresAt: Date, audit: AuditEvent) async throws
    /// The live session and its account: nil when unknown, expired or the account is disabled.
    func find(idHash: String, now: Date) async throws -> (user: User, csrfToken: String)?
    func delete(idHash: String, audit: AuditEvent?) async throws
    func deleteExpired(now: Date) async throws -> Int
}

/// API tokens, stored by the SHA-256 of the token.
public protocol APITokenRepository: Sendable {
    func create(userID: Int64, label: String, tokenHash: String, displayOnly: Bool, audit: AuditEvent) async throws -> APIToken
    /// The live token and its account: nil when unknown, revoked or the account is disabled. Records the use.
    func authenticate(tokenHash: String, now: Date) async throws -> (token: APIToken, user: User)?
    func list() async throws -> [APIToken]
    func revoke(id: Int64, audit: AuditEvent) async throws
}

/// The audit log: append-only.
public protocol AuditLogRepository: Sendable {
    func record(_ event: AuditEvent) async throws
    func recent(limit: Int) async throws -> [AuditEvent]
    /// How many events of `action` name `target`, or come from `origin`, since `since`.
    func count(action: String, target: String?, origin: String?, since: Date) async throws -> Int
}

/// Server settings as key–value text (the served city, …).
public protocol SettingRepository: Sendable {
    func value(for key: String) async throws -> String?
    func set(_ value: String, for key: String, audit: AuditEvent?) async throws
    /// Reads the value, computes the new one and its audit event with `change`, and writes both: one transaction, so
    /// two changes at once (an entry added to a list while another is removed) never lose one another.
    /// An error thrown by `change` writes nothing.
    func update(for key: String, _ change: @escaping @Sendable (String?) throws -> (value: String, audit: AuditEvent?)) async throws -> String
}
