import MokminGeo

/// One value of one time series at one time, as a live feed reported it.
///
/// Every feed parser (``AirKoreaRealtimeFeed``, ``TrafficSpeedFeed``, ``GenericFeed``) turns its published format into
/// these, so that storage, alerts and the board need to know one shape only.
public struct FeedReading: Sendable, Hashable, Codable {
    /// The stable id of the series: `air/<stationName>/<metric>`, `traffic/<linkId>/<metric>`, or
    /// `<prefix>/<source>/<field>` for a generic feed.
    public var series: String
    /// The station or link (id or name) as the feed names it.
    public var source: String
    /// What is measured: `pm10`, `pm25`, `o3`, `no2`, `co`, `so2`, `khai`, `speed`, `travelTime`, or a generic
    /// feed's field name.
    public var metric: String
    /// The value, or nil when the feed had none (`-`, empty) or withdrew it (see ``flagged``).
    public var value: Double?
    /// The feed's grade 1…4 (좋음, 보통, 나쁨, 매우나쁨; see ``AirQualityGrade``), where it gives one.
    public var grade: Int?
    /// The local (Asia/Seoul) data time as `YYYY-MM-DDTHH:MM:SS`; a published `24:00` is the next day's `00:00:00`.
    public var time: String
    /// Whether the feed marked the value invalid (a non-empty `*Flag` field such as `통신장애`); ``value`` is then nil.
    public var flagged: Bool
    /// Where the source is, when the feed or a mapping (a station list, a link dataset) gives it.
    public var location: GeoPoint?
    /// The region the reading is for, when a generic feed's mapping names a region field.
    public var region: String?

    public init(
        series: String, source: String, metric: String, value: Double?, grade: Int? = nil, time: String,
        flagged: Bool = false, location: GeoPoint? = nil, region: String? = nil
    ) {
        self.series = series
        self.source = source
        self.metric = metric
        self.value = value
        self.grade = grade
        self.time = time
        self.flagged = flagged
        self.location = location
        self.region = region
    }
}
