/// What the evaluator saw for one series: its latest reading and, for ``AlertRuleKind/slowLink`` rules, the readings
/// of the last ``AlertRule/durationMinutes`` minutes.
public struct AlertObservation: Sendable, Hashable {
    /// The series id, e.g. `air/아름동/pm25`: the subject of any alert it causes.
    public var series: String
    /// The newest reading of the series.
    public var latest: FeedReading
    /// Earlier readings for the slow-link window, sorted by time ascending; may be empty and may include ``latest``.
    public var recent: [FeedReading]

    public init(series: String, latest: FeedReading, recent: [FeedReading] = []) {
        self.series = series
        self.latest = latest
        self.recent = recent
    }

    /// An observation of a reading's own series with no window.
    public init(_ latest: FeedReading, recent: [FeedReading] = []) {
        self.init(series: latest.series, latest: latest, recent: recent)
    }
}
