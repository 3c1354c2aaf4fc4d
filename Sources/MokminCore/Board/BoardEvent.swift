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

    public init(id: Int64, kind: Kind, data: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.data = data
        self.createdAt = createdAt
    }

    /// The event in `text/event-stream` framing, ending with the blank line that dispatches it.
    public var serverSentEvent: String {
        "id: \(id)\nevent: \(kind.rawValue)\ndata: \(data)\n\n"
    }
}
