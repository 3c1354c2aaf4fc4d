import Foundation

/// A place alerts are sent to: a URL that receives a JSON POST for each alert start, end and acknowledgement.
public struct Webhook: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var url: String
    public var enabled: Bool
    public var createdBy: String?
    public var createdAt: Date

    public init(id: Int64, name: String, url: String, enabled: Bool, createdBy: String? = nil, createdAt: Date) {
        self.id = id
        self.name = name
        self.url = url
        self.enabled = enabled
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
