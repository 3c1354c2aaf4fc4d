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

/// The latest value of one series, with where it is: one row of `GET /api/status`.
public struct SeriesStatus: Sendable, Hashable, Codable {
    public var id: String
    public var feedID: Int64
    public var source: String
    public var metric: String
    public var longitude: Double?
    public var latitude: Double?
    public var region: String?
    public var time: String?
    public var value: Double?
    public var grade: Int?
    public var flagged: Bool

    public init(id: String, feedID: Int64, source: String, metric: String, longitude: Double? = nil, latitude: Double? = nil, region: String? = nil, time: String? = nil, value: Double? = nil, grade: Int? = nil, flagged: Bool) {
        self.id = id
        self.feedID = feedID
        self.source = source
        self.metric = metric
        self.longitude = longitude
        self.latitude = latitude
        self.region = region
        self.time = time
        self.value = value
        self.grade = grade
        self.flagged = flagged
    }
}

/// One point of a series' history: a raw reading, or an aggregate over a step (mean, min, max, count).
public struct SeriesPoint: Sendable, Hashable, Codable {
    public var time: String
    public var value: Double?
    public var min: Double?
    public var max: Double?
    public var count: Int

    public init(time: String, value: Double? = nil, min: Double? = nil, max: Double? = nil, count: Int) {
        self.time = time
        self.value = value
        self.min = min
        self.max = max
        self.count = count
    }
}

/// What one ingest stored.
public struct IngestOutcome: Sendable {
    /// Readings not stored before (or whose value changed).
    public var stored: Int
    /// The series whose latest value changed, as they are now.
    public var changed: [SeriesStatus]
    /// The events written in the same transaction, to publish to live clients.
    public var events: [BoardEvent]

    public init(stored: Int, changed: [SeriesStatus], events: [BoardEvent]) {
        self.stored = stored
        self.changed = changed
        self.events = events
    }
}
