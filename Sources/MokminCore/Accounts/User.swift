import Foundation

/// A person's account. The password hash never leaves the store except to be checked.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var login: String
    public var name: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: Date
    /// The 시군구 (10-digit MOIS code) whose pages this person sees when a server serves several cities; `nil` for the
    /// province's own staff, who see every served city.
    public var city: String?

    public init(id: Int64, login: String, name: String, role: Role, disabled: Bool, createdAt: Date, city: String? = nil) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
        self.city = city
    }
}
