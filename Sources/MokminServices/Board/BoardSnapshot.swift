import Foundation
import MokminCore
import MokminGeo

/// What the board shows at one moment: every series' latest value, every feed's health, open and recent alerts,
/// recent disaster messages, and where the stations and links are.
public struct BoardSnapshot: Sendable {
    /// The newest event already reflected here: a live client continues from it without a gap.
    public var lastEventID: Int64
    public var generatedAt: Date
    public var series: [SeriesStatus]
    public var feeds: [FeedHealth]
    public var openAlerts: [Alert]
    public var messages: [DisasterMessage]
    /// Link id → line, from the traffic feeds' link datasets.
    public var links: [String: [GeoPoint]]
    /// Station or link key → name for people, from the feeds' location datasets.
    public var names: [String: String]
    /// Whether any enabled feed reads the simulator: every screen must then say 시뮬레이션.
    public var simulated: Bool { feeds.contains { $0.simulated && $0.enabled } }
    public var staleFeeds: [FeedHealth] { feeds.filter(\.stale) }

    /// The series of one metric of one feed kind (`air`, `traffic`), sorted by id.
    public func series(prefix: String, metric: String) -> [SeriesStatus] {
        series.filter { $0.id.hasPrefix(prefix + "/") && $0.metric == metric }
    }
}
