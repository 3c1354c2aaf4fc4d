import Foundation

/// One event of the board's live stream, as stored and as sent (`id:`, `event:`, `data:`).
///
/// Ids only grow, across restarts, so a client reconnecting with `Last-Event-ID` receives exactly what it missed.
public struct BoardEvent: Sendable, Hashable, Codable {
    /// What changed: readings of a feed, an alert, a feed's health, or a new disaster message.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case reading, alert, feed, message
    }

    public var id: Int64
    public var kind: Kind
    /// The JSON object the event carries.
    public var data: String
    public var createdAt: Date

    /// The event in `text/event-stream` framing, ending with the blank line that dispatches it. Made once: every live
    /// client shares the same text.
    public let serverSentEvent: String

    public init(id: Int64, kind: Kind, data: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.data = data
        self.createdAt = createdAt
        serverSentEvent = "id: \(id)\nevent: \(kind.rawValue)\ndata: \(data)\n\n"
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, data, createdAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int64.self, forKey: .id), kind: try c.decode(Kind.self, forKey: .kind), data: try c.decode(String.self, forKey: .data),
            createdAt: try c.decode(Date.self, forKey: .createdAt))
    }
}
