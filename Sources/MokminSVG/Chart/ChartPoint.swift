/// One measurement of a ``ChartSeries``: a time and a value, or no value (a gap in the line).
public struct ChartPoint: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var time: Double
    /// The measured value; nil (or a non-finite number) breaks the line here.
    public var value: Double?

    /// Creates a point.
    public init(time: Double, value: Double?) {
        self.time = time
        self.value = value
    }
}
