import Foundation

/// How fresh one live feed is, for ``AlertRuleKind/staleFeed`` rules.
public struct FeedFreshness: Sendable, Hashable {
    /// The feed's name: the subject of any alert it causes.
    public var feedName: String
    /// When the feed last brought new data, or nil when it never has.
    public var lastFreshData: Date?
    /// When the feed was registered: the reference when it has never been fresh.
    public var createdAt: Date

    public init(feedName: String, lastFreshData: Date?, createdAt: Date) {
        self.feedName = feedName
        self.lastFreshData = lastFreshData
        self.createdAt = createdAt
    }

    /// The instant staleness is measured from: ``lastFreshData``, or ``createdAt`` when the feed was never fresh.
    public var freshSince: Date { lastFreshData ?? createdAt }
}
