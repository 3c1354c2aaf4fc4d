/// The work of one ``TimeSeriesChart/render(_:)`` call: clipping, scales, layout and output.
struct ChartRenderer {
    let chart: TimeSeriesChart
    let traces: [ChartTrace]
    let width: Double
    let height: Double
    /// The time window actually drawn: finite, with `end > start`.
    let start: Double
    let end: Double
    let scale: ChartValueScale
    let timeAxis: ChartTimeAxis
    let legend: ChartLegend
    /// The plot area, where values and times map to pixels.
    let plot: (left: Double, top: Double, right: Double, bottom: Double)

    static let margin = 10.0
    static let titleSize = 13.0
    static let axisFontSize = 10.0
    /// Room under the plot for the time labels and the dates.
    static let bottomHeight = 34.0
    static let fontFamily = "'Noto Sans KR','Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic','NanumGothic',sans-serif"

    init(chart: TimeSeriesChart, series: [ChartSeries]) {
        self.chart = chart
        width = chart.width.isFinite ? min(max(chart.width, 240), 10_000) : 640
        height = chart.height.isFinite ? min(max(chart.height, 160), 10_000) : 260
        let limit = 1e12  // about the year 33658; keeps every time convertible to Int64 seconds
        let start = chart.start.isFinite ? min(max(chart.start, -limit), limit) : 0
        let end = chart.end.isFinite && chart.end > start ? min(chart.end, limit + 86_400) : start + 3600
        (self.start, self.end) = (start, end)
        let traces = series.map { ChartTrace(series: $0, start: start, end: end) }
        self.traces = traces
        let target = max(traces.compactMap(\.maximum).max() ?? 0, chart.minimumTop.map { $0.isFinite ? $0 : 0 } ?? 0)
        scale = ChartValueScale(covering: target)
        timeAxis = ChartTimeAxis(start: start, end: end, offset: min(max(chart.timeZoneOffsetSeconds, -86_400), 86_400))

        let m = ChartRenderer.margin
        let legendTop = chart.title.isEmpty ? m : m + ChartRenderer.titleSize + 4
        legend = ChartLegend(series: series, left: m, top: legendTop, maxWidth: width - 2 * m)
        let aboveUnit = legendTop + legend.height + (legend.height > 0 ? 4 : 0)
        let top = chart.unit.isEmpty ? aboveUnit + 8 : aboveUnit + 18
        let scale = self.scale
        let labelWidth = (0...scale.intervals).map { MapRenderer.textWidthEms(scale.label(scale.value(at: $0))) }.max() ?? 1
        let valueWidth = traces.compactMap { $0.last.map { MapRenderer.textWidthEms(scale.valueText($0.value)) * 1.1 } }.max() ?? 0
        let left = m + labelWidth * ChartRenderer.axisFontSize + 6
        let right = width - max(16, valueWidth * ChartRenderer.axisFontSize + 12)
        let bottom = max(height - ChartRenderer.bottomHeight, top + 20)
        plot = (left, top, max(right, left + 20), bottom)
    }

    func render() -> String {
        let w = SVGText.number(width), h = SVGText.number(height)
        let title = SVGText.escape(chart.title)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mokmin-chart\" viewBox=\"0 0 \(w) \(h)\" width=\"100%\""
        svg += " preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"\(title)\""
        svg += " font-family=\"\(ChartRenderer.fontFamily)\">\n"  // sized by `.mokmin-chart` in /static/app.css
        svg += "<title>\(title)</title>\n"
        svg += "<rect class=\"background\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        svg += titleText()
        svg += legend.render()
        svg += bandLayer()
        svg += valueAxis()
        svg += timeAxisLayer()
        svg += bandLabels()
        svg += seriesLayer()
        if traces.allSatisfy({ $0.runs.isEmpty }) { svg += emptyMessage() }
        svg += "</svg>\n"
        return svg
    }

    /// Horizontal pixel of a time.
    func x(_ time: Double) -> Double {
        plot.left + (time - start) / (end - start) * (plot.right - plot.left)
    }

    /// Vertical pixel of a value; values outside 0...top are drawn at the nearest edge of the plot.
    func y(_ value: Double) -> Double {
        plot.bottom - min(max(value / scale.top, 0), 1) * (plot.bottom - plot.top)
    }

    /// The title at the top left, shrunk to fit the width.
    private func titleText() -> String {
        guard !chart.title.isEmpty else { return "" }
        let available = width - 2 * ChartRenderer.margin
        let size = min(ChartRenderer.titleSize, available / max(1, MapRenderer.textWidthEms(chart.title)))
        return "<text class=\"chart-title\" x=\"\(SVGText.number(ChartRenderer.margin))\""
            + " y=\"\(SVGText.number(ChartRenderer.margin + ChartRenderer.titleSize - 1))\" font-size=\"\(SVGText.number(size))\""
            + " font-weight=\"bold\" fill=\"#222222\">\(SVGText.escape(chart.title))</text>\n"
    }

    /// `emptyText` in the middle of the plot.
    private func emptyMessage() -> String {
        let cx = (plot.left + plot.right) / 2, cy = (plot.top + plot.bottom) / 2
        return "<text class=\"empty\" x=\"\(SVGText.number(cx))\" y=\"\(SVGText.number(cy + 4))\" font-size=\"13\" text-anchor=\"middle\""
            + " fill=\"#777777\">\(SVGText.escape(chart.emptyText))</text>\n"
    }
}
