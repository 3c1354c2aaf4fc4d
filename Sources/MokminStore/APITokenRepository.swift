import Foundation
import MokminCore

/// API tokens, stored by the SHA-256 of the token.
public protocol APITokenRepository: Sendable {
    func create(userID: Int64, label: String, tokenHash: String, displayOnly: Bool, audit: AuditEvent) async throws -> APIToken
    /// The live token and its account: nil when unknown, revoked or the account is disabled. Records the use.
    func authenticate(tokenHash: String, now: Date) async throws -> (token: APIToken, user: User)?
    func list() async throws -> [APIToken]
    func revoke(id: Int64, audit: AuditEvent) async throws
}
