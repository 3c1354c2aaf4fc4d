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
