import Foundation

/// A person's account. The password hash never leaves the store except to be checked.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var login: String
    public var name: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: Date

    public init(id: Int64, login: String, name: String, role: Role, disabled: Bool, createdAt: Date) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

/// An API token as listed to people: never the token itself, which is shown once and stored hashed.
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var login: String
    public var label: String
    public var displayOnly: Bool
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int64, login: String, label: String, displayOnly: Bool, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.login = login
        self.label = label
        self.displayOnly = displayOnly
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

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
