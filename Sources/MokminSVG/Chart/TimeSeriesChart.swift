/// Draws time series as a static SVG line chart (no JavaScript) for inline use in HTML, e.g. a day of PM2.5 readings.
///
/// The y axis runs from 0 to a round top (steps of 1, 2, 2.5 or 5 × 10ᵏ, 4–6 gridlines) at least the largest value
/// and ``minimumTop``; the x axis covers ``start``–``end`` with hour ticks (4–8 labels, `HH:00`) in local time, and the
/// date `M/d` under the first tick and every local midnight. The output holds the title and a legend above the plot,
/// ``bands`` as translucent `<rect class="band">` elements, one `<path class="series" data-series="ID">` per series
/// (nil values and time jumps over 3× the median spacing break the path into `M` subpaths; an isolated point is a
/// `<circle class="series-dot">`), and the last point of each series as a `<circle class="last-point">` with its value.
/// Points outside the window are dropped; values below 0 sit on the baseline, since the axis always starts at 0.
/// The same input always gives the same string.
public struct TimeSeriesChart: Sendable {
    /// Width of the viewBox in SVG user units (pixels at 100%); at least 240 is used.
    public var width: Double
    /// Height of the viewBox; at least 160 is used.
    public var height: Double
    /// The chart title, drawn at the top left and used as the accessible name.
    public var title: String
    /// The unit of the values, e.g. "µg/m³", shown above the y axis.
    public var unit: String
    /// Offset of local time from UTC for the axis labels; 32400 is KST (UTC+9, no daylight saving time).
    public var timeZoneOffsetSeconds: Int
    /// The start of the time window, seconds since 1970.
    public var start: Double
    /// The end of the time window, seconds since 1970; points after it (or before ``start``) are not drawn.
    /// An end not after ``start`` draws one hour from ``start``.
    public var end: Double
    /// Bands drawn behind the lines, e.g. air-quality grades.
    public var bands: [ChartBand]
    /// The y axis reaches at least this value, so that a clean day still shows where the 나쁨 band starts.
    public var minimumTop: Double?
    /// The text shown in the middle of the plot when no series has a value in the window.
    public var emptyText: String

    /// Creates a chart for the window `start`...`end` (seconds since 1970).
    public init(
        title: String, unit: String, start: Double, end: Double, width: Double = 640, height: Double = 260, timeZoneOffsetSeconds: Int = 32400,
        bands: [ChartBand] = [], minimumTop: Double? = nil, emptyText: String = "자료 없음 · No data"
    ) {
        self.width = width
        self.height = height
        self.title = title
        self.unit = unit
        self.timeZoneOffsetSeconds = timeZoneOffsetSeconds
        self.start = start
        self.end = end
        self.bands = bands
        self.minimumTop = minimumTop
        self.emptyText = emptyText
    }

    /// Renders the series to a complete standalone `<svg>` element (no XML declaration).
    public func render(_ series: [ChartSeries]) -> String {
        ChartRenderer(chart: self, series: series).render()
    }
}
