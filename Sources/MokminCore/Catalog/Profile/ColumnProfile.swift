/// What a column holds, computed when a version is published and kept with it.
public struct ColumnProfile: Sendable, Hashable, Codable {
    public var label: String
    public var type: ColumnType
    public var nonNullCount: Int
    public var distinctCount: Int
    /// Smallest and largest value (numbers, dates and times, as text for dates).
    public var minimum: String?
    public var maximum: String?
    public var mean: Double?
    /// The most frequent values with their counts (text and codes), most frequent first.
    public var topValues: [ValueCount]
    /// Counts in equal-width bins between minimum and maximum (numeric columns).
    public var histogram: [Int]
    /// True when distinctCount and topValues are estimates because the column held more distinct values than are
    /// counted exactly (see ``ColumnProfileBuilder``).
    public var estimated: Bool

    public struct ValueCount: Sendable, Hashable, Codable {
        public var value: String
        public var count: Int
        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    public init(
        label: String, type: ColumnType, nonNullCount: Int, distinctCount: Int, minimum: String?, maximum: String?, mean: Double?,
        topValues: [ValueCount], histogram: [Int], estimated: Bool = false
    ) {
        self.label = label
        self.type = type
        self.nonNullCount = nonNullCount
        self.distinctCount = distinctCount
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        self.topValues = topValues
        self.histogram = histogram
        self.estimated = estimated
    }

    /// Decodes a stored profile; profiles stored before `estimated` existed decode as exact.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        type = try container.decode(ColumnType.self, forKey: .type)
        nonNullCount = try container.decode(Int.self, forKey: .nonNullCount)
        distinctCount = try container.decode(Int.self, forKey: .distinctCount)
        minimum = try container.decodeIfPresent(String.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(String.self, forKey: .maximum)
        mean = try container.decodeIfPresent(Double.self, forKey: .mean)
        topValues = try container.decode([ValueCount].self, forKey: .topValues)
        histogram = try container.decode([Int].self, forKey: .histogram)
        estimated = try container.decodeIfPresent(Bool.self, forKey: .estimated) ?? false
    }
}
