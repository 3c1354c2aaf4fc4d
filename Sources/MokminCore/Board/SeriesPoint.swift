import Foundation

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
