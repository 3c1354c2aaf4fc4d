import Foundation

/// A feed's health as the board and `GET /api/status` show it: last success, last error with the reason, and stale.
public struct FeedHealth: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var kind: FeedKind
    public var enabled: Bool
    public var simulated: Bool
    public var intervalSeconds: Int
    public var staleAfterSeconds: Int
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    public var lastFreshAt: Date?
    public var lastErrorAt: Date?
    public var lastError: String?
    public var lastCount: Int?
    public var lastIssues: Int?
    public var lastDataTime: String?
    public var stale: Bool
    /// `ok`, `stale`, `error` (the last run failed) or `disabled`.
    public var state: String

    public init(_ feed: Feed, now: Date) {
        id = feed.id
        name = feed.name
        kind = feed.kind
        enabled = feed.enabled
        simulated = feed.isSimulated
        intervalSeconds = feed.intervalSeconds
        staleAfterSeconds = feed.staleAfterSeconds
        lastRunAt = feed.lastRunAt
        lastSuccessAt = feed.lastSuccessAt
        lastFreshAt = feed.lastFreshAt
        lastErrorAt = feed.lastErrorAt
        lastError = feed.lastError
        lastCount = feed.lastCount
        lastIssues = feed.lastIssues
        lastDataTime = feed.lastDataTime
        stale = feed.isStale(at: now)
        let failedLast = feed.lastErrorAt.map { error in feed.lastSuccessAt.map { error > $0 } ?? true } ?? false
        state = !feed.enabled ? "disabled" : failedLast ? "error" : stale ? "stale" : "ok"
    }
}
