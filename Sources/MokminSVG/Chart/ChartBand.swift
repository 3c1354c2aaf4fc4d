/// A horizontal band behind the lines of a ``TimeSeriesChart``, e.g. the 나쁨 grade of PM2.5 from 36 to 75 µg/m³.
public struct ChartBand: Sendable, Hashable {
    /// The lower value of the band.
    public var from: Double
    /// The upper value of the band; `.infinity` reaches the top of the axis.
    public var to: Double
    /// The band colour, `#RRGGBB`, drawn translucent.
    public var color: String
    /// The text at the right edge of the band, e.g. "나쁨".
    public var label: String

    /// Creates a band.
    public init(from: Double, to: Double, color: String, label: String) {
        self.from = from
        self.to = to
        self.color = color
        self.label = label
    }
}
