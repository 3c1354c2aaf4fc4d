import MokminCore

/// A column's inferred type, how many of its values were missing, and a few of its values.
public struct InferredColumn: Sendable, Codable, Hashable {
    public var name: String
    public var type: ColumnType
    /// Rows where the field was absent or a missing-value marker (see ``ValueParser/missingMarkers``).
    public var nullCount: Int
    /// Up to five distinct values, in first-seen order.
    public var sampleValues: [String]
    /// The smallest and largest value when every value is a number (nil otherwise), so that a histogram can be
    /// binned while the rows are stored.
    public var numericRange: ClosedRange<Double>?

    public init(name: String, type: ColumnType, nullCount: Int, sampleValues: [String], numericRange: ClosedRange<Double>? = nil) {
        self.name = name
        self.type = type
        self.nullCount = nullCount
        self.sampleValues = sampleValues
        self.numericRange = numericRange
    }
}
