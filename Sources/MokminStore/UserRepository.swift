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
    /// Puts the account in one served city (a 10-digit 시군구 code), or in none (`nil`: it sees every served city).
    /// An unknown login is `notFound`.
    func setCity(login: String, city: String?, audit: AuditEvent) async throws
    func count() async throws -> Int
}
