import Foundation

/// A live feed: an endpoint polled every ``intervalSeconds`` and read with the parser of its ``kind``.
///
/// The service key is write-only: it is stored for the calls and never read back (``hasServiceKey`` says whether one
/// is set). ``settings`` is the kind's own configuration as JSON (station list dataset, link dataset, region filter or
/// field mapping), read by the feed service.
public struct Feed: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var kind: FeedKind
    public var url: String
    public var hasServiceKey: Bool
    public var keyParameter: String
    public var intervalSeconds: Int
    /// The feed is stale when no new data arrived for this long.
    public var staleAfterSeconds: Int
    public var settings: String
    public var enabled: Bool
    public var createdBy: String?
    public var createdAt: Date
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    /// When a run last brought a reading or message not seen before.
    public var lastFreshAt: Date?
    public var lastErrorAt: Date?
    /// The reason of the last failure (never containing the service key); cleared by the next success.
    public var lastError: String?
    public var lastCount: Int?
    public var lastIssues: Int?
    /// The newest data time the feed reported (local `YYYY-MM-DDTHH:MM:SS`).
    public var lastDataTime: String?

    /// Due when it never ran or its interval has passed since the last run.
    public func isDue(at now: Date) -> Bool {
        guard enabled else { return false }
        guard let lastRunAt else { return true }
        return now.timeIntervalSince(lastRunAt) >= Double(intervalSeconds)
    }

    /// Stale when enabled and no new data arrived within ``staleAfterSeconds`` (counted from creation when none ever came).
    public func isStale(at now: Date) -> Bool {
        enabled && now.timeIntervalSince(lastFreshAt ?? createdAt) > Double(staleAfterSeconds)
    }

    /// Whether the feed reads the built-in simulator (`simulator:` URLs): its values are not measurements.
    public var isSimulated: Bool { url.hasPrefix("simulator:") }

    public init(id: Int64, name: String, kind: FeedKind, url: String, hasServiceKey: Bool, keyParameter: String, intervalSeconds: Int, staleAfterSeconds: Int, settings: String, enabled: Bool, createdBy: String? = nil, createdAt: Date, lastRunAt: Date? = nil, lastSuccessAt: Date? = nil, lastFreshAt: Date? = nil, lastErrorAt: Date? = nil, lastError: String? = nil, lastCount: Int? = nil, lastIssues: Int? = nil, lastDataTime: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.url = url
        self.hasServiceKey = hasServiceKey
        self.keyParameter = keyParameter
        self.intervalSeconds = intervalSeconds
        self.staleAfterSeconds = staleAfterSeconds
        self.settings = settings
        self.enabled = enabled
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastRunAt = lastRunAt
        self.lastSuccessAt = lastSuccessAt
        self.lastFreshAt = lastFreshAt
        self.lastErrorAt = lastErrorAt
        self.lastError = lastError
        self.lastCount = lastCount
        self.lastIssues = lastIssues
        self.lastDataTime = lastDataTime
    }
}
