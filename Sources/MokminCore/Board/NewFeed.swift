import Foundation

/// What a person gives to create a feed.
public struct NewFeed: Sendable, Hashable {
    public var name: String
    public var kind: FeedKind
    public var url: String
    public var serviceKey: String?
    public var keyParameter: String
    public var intervalSeconds: Int
    public var staleAfterSeconds: Int
    public var settings: String

    public init(
        name: String, kind: FeedKind, url: String, serviceKey: String? = nil, keyParameter: String = "serviceKey", intervalSeconds: Int,
        staleAfterSeconds: Int, settings: String = "{}"
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.serviceKey = serviceKey
        self.keyParameter = keyParameter
        self.intervalSeconds = intervalSeconds
        self.staleAfterSeconds = staleAfterSeconds
        self.settings = settings
    }
}
