/// One line of a ``TimeSeriesChart``.
public struct ChartSeries: Sendable, Hashable {
    /// A stable identifier, written as the `data-series` attribute so JavaScript can find the line for live updates.
    public var id: String
    /// The legend text, e.g. "PM2.5 아름동".
    public var label: String
    /// The line colour, `#RRGGBB`.
    public var color: String
    /// The measurements in time order; a point without a value breaks the line there.
    public var points: [ChartPoint]

    /// Creates a series.
    public init(id: String, label: String, color: String, points: [ChartPoint]) {
        self.id = id
        self.label = label
        self.color = color
        self.points = points
    }
}
