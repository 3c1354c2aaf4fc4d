import Foundation

/// One line of the audit log: who did what to what, when, from where.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// The login of the account that acted; nil for the command line run by the server's operator
    /// and for anonymous attempts (a failed login records the attempted login as `target`).
    public var actor: String?
    /// What happened, as a dotted verb: `login.success`, `login.failure`, `user.create`, `token.revoke`, …
    public var action: String
    public var target: String?
    public var detail: String?
    /// Where the request came from (the client address), when known.
    public var origin: String?
    public var at: Date

    public init(actor: String?, action: String, target: String? = nil, detail: String? = nil, origin: String? = nil, at: Date = Date()) {
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.origin = origin
        self.at = at
    }
}
