extension ChartRenderer {
    /// One `<path class="series">` per series (a `M` subpath per run), a dot for each isolated point, and the last point
    /// of each series marked with a circle and its value. The group carries the window and plot area for scripts.
    func seriesLayer() -> String {
        let area = [plot.left, plot.top, plot.right - plot.left, plot.bottom - plot.top].map(SVGText.number).joined(separator: " ")
        var out = "<g class=\"series-layer\" data-start=\"\(SVGText.escape(ChartValueScale.fixed(start, decimals: 0)))\""
        out += " data-end=\"\(SVGText.escape(ChartValueScale.fixed(end, decimals: 0)))\" data-plot=\"\(area)\">\n"
        for trace in traces {
            let id = SVGText.escape(trace.series.id), colour = SVGText.escape(trace.series.color)
            let d = trace.runs.filter { $0.count > 1 }.map { run in
                "M" + run.map { "\(SVGText.number(x($0.time))) \(SVGText.number(y($0.value)))" }.joined(separator: " ")
            }.joined()
            out += "<path class=\"series\" data-series=\"\(id)\" d=\"\(d)\" stroke=\"\(colour)\" stroke-width=\"2\""
            out += " stroke-linejoin=\"round\" stroke-linecap=\"round\" fill=\"none\"/>\n"
            for run in trace.runs.dropLast() where run.count == 1 {
                out += "<circle class=\"series-dot\" data-series=\"\(id)\" cx=\"\(SVGText.number(x(run[0].time)))\""
                out += " cy=\"\(SVGText.number(y(run[0].value)))\" r=\"2.5\" fill=\"\(colour)\"/>\n"
            }
        }
        for (trace, labelY) in zip(traces, lastValueBaselines()) {
            guard let last = trace.last, let labelY else { continue }
            let id = SVGText.escape(trace.series.id), colour = SVGText.escape(trace.series.color)
            let (cx, cy) = (x(last.time), y(last.value))
            out += "<circle class=\"last-point\" data-series=\"\(id)\" cx=\"\(SVGText.number(cx))\" cy=\"\(SVGText.number(cy))\" r=\"3.5\""
            out += " fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n"
            out += "<text class=\"last-value\" data-series=\"\(id)\" x=\"\(SVGText.number(cx + 6))\" y=\"\(SVGText.number(labelY))\""
            out += " font-size=\"\(SVGText.number(ChartRenderer.axisFontSize))\" font-weight=\"bold\" fill=\"\(colour)\">"
            out += "\(SVGText.escape(scale.valueText(last.value)))</text>\n"
        }
        return out + "</g>\n"
    }

    /// The baseline of each series' last-value label (nil without a last point): beside the point, pushed down
    /// where labels near the same place would overlap, and kept inside the chart.
    func lastValueBaselines() -> [Double?] {
        let lineHeight = ChartRenderer.axisFontSize + 1
        var placed: [(x: Double, y: Double)] = []
        var baselines: [Double?] = Array(repeating: nil, count: traces.count)
        let order = traces.indices.compactMap { index in traces[index].last.map { (index, $0) } }
            .sorted { (y($0.1.value), $0.0) < (y($1.1.value), $1.0) }
        for (index, last) in order {
            let x = self.x(last.time)
            var baseline = y(last.value) + 3.5
            for other in placed where abs(other.x - x) < 30 && baseline - other.y < lineHeight {
                baseline = other.y + lineHeight
            }
            baseline = min(baseline, height - 2)
            placed.append((x, baseline))
            baselines[index] = baseline
        }
        return baselines
    }
}
