import Foundation

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
