import Foundation

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
