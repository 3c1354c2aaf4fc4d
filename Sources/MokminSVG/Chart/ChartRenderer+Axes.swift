extension ChartRenderer {
    /// Gridlines at every step with their labels, and the unit above them, as `<g class="y-axis" data-top="…">`.
    func valueAxis() -> String {
        let size = SVGText.number(ChartRenderer.axisFontSize)
        var out = "<g class=\"y-axis\" data-top=\"\(SVGText.escape(scale.label(scale.top)))\""
        out += " font-size=\"\(size)\" fill=\"#555555\" text-anchor=\"end\">\n"
        let (x1, x2) = (SVGText.number(plot.left), SVGText.number(plot.right))
        for index in 0...scale.intervals {
            let value = scale.value(at: index)
            let label = SVGText.escape(scale.label(value))
            let y = SVGText.number(self.y(value))
            let stroke = index == 0 ? "#888888" : "#e3e3e3"
            out += "<line class=\"grid\" data-value=\"\(label)\" x1=\"\(x1)\" y1=\"\(y)\" x2=\"\(x2)\" y2=\"\(y)\" stroke=\"\(stroke)\""
            out += " stroke-width=\"1\"/>\n"
            out += "<text class=\"y-label\" x=\"\(SVGText.number(plot.left - 5))\" y=\"\(SVGText.number(self.y(value) + 3.5))\">\(label)</text>\n"
        }
        if !chart.unit.isEmpty {
            out += "<text class=\"unit\" x=\"\(SVGText.number(ChartRenderer.margin))\" y=\"\(SVGText.number(plot.top - 8))\" text-anchor=\"start\">"
            out += "\(SVGText.escape(chart.unit))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Tick marks and `HH:mm` labels under the plot, with `M/d` below the first tick and every local midnight.
    func timeAxisLayer() -> String {
        let size = SVGText.number(ChartRenderer.axisFontSize)
        var out = "<g class=\"x-axis\" data-step=\"\(timeAxis.step)\" font-size=\"\(size)\" fill=\"#555555\" text-anchor=\"middle\">\n"
        let bottom = SVGText.number(plot.bottom), tickEnd = SVGText.number(plot.bottom + 4)
        for tick in timeAxis.ticks {
            let x = SVGText.number(self.x(tick.time))
            let time = SVGText.escape(ChartValueScale.fixed(tick.time, decimals: 0))
            out += "<line class=\"tick\" x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\" y2=\"\(tickEnd)\" stroke=\"#888888\"/>\n"
            out += "<text class=\"time\" data-time=\"\(time)\" x=\"\(x)\" y=\"\(SVGText.number(plot.bottom + 15))\">"
            out += "\(SVGText.escape(tick.label))</text>\n"
            if let date = tick.date {
                out += "<text class=\"date\" data-time=\"\(time)\" x=\"\(x)\" y=\"\(SVGText.number(plot.bottom + 28))\" font-weight=\"bold\">"
                out += "\(SVGText.escape(date))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    /// The visible part of each band: from 0 to the top of the axis, nil when nothing of it is visible.
    func visibleRange(of band: ChartBand) -> (low: Double, high: Double)? {
        guard !band.from.isNaN, !band.to.isNaN else { return nil }
        let low = max(min(band.from, band.to), 0), high = min(max(band.from, band.to), scale.top)
        return high > low ? (low, high) : nil
    }

    /// The bands as translucent rectangles across the plot, behind the gridlines and the lines.
    func bandLayer() -> String {
        let visible = chart.bands.compactMap { band in visibleRange(of: band).map { (band, $0) } }
        guard !visible.isEmpty else { return "" }
        var out = "<g class=\"bands\">\n"
        for (band, range) in visible {
            let top = y(range.high), bottom = y(range.low)
            out += "<rect class=\"band\" data-label=\"\(SVGText.escape(band.label))\" x=\"\(SVGText.number(plot.left))\" y=\"\(SVGText.number(top))\""
            out += " width=\"\(SVGText.number(plot.right - plot.left))\" height=\"\(SVGText.number(bottom - top))\""
            out += " fill=\"\(SVGText.escape(band.color))\" fill-opacity=\"0.15\"/>\n"
        }
        return out + "</g>\n"
    }

    /// The label of each visible band at the right edge of the plot, centred on the band's visible part.
    func bandLabels() -> String {
        let visible = chart.bands.compactMap { band in visibleRange(of: band).map { (band, $0) } }.filter { !$0.0.label.isEmpty }
        guard !visible.isEmpty else { return "" }
        var out = "<g class=\"band-labels\" font-size=\"10\" fill=\"#555555\" text-anchor=\"end\">\n"
        for (band, range) in visible {
            let middle = (y(range.high) + y(range.low)) / 2
            out += "<text class=\"band-label\" x=\"\(SVGText.number(plot.right - 4))\" y=\"\(SVGText.number(middle + 3.5))\">"
            out += "\(SVGText.escape(band.label))</text>\n"
        }
        return out + "</g>\n"
    }
}
