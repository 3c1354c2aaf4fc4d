/// The legend of a ``TimeSeriesChart``: a line swatch and the label of each series, in rows that wrap to the width.
struct ChartLegend {
    struct Item {
        let series: ChartSeries
        let x: Double
        let y: Double
    }

    let items: [Item]
    /// The height taken by all rows, 0 without series.
    let height: Double

    static let rowHeight = 16.0
    static let fontSize = 11.0
    static let swatchWidth = 16.0

    /// Lays out the series left to right from (`left`, `top`), starting a new row when an item would pass `maxWidth`.
    init(series: [ChartSeries], left: Double, top: Double, maxWidth: Double) {
        var items: [Item] = []
        var x = left, y = top
        for one in series {
            let width = ChartLegend.swatchWidth + 5 + MapRenderer.textWidthEms(one.label) * ChartLegend.fontSize
            if x > left, x + width > left + maxWidth {
                x = left
                y += ChartLegend.rowHeight
            }
            items.append(Item(series: one, x: x, y: y))
            x += width + 14
        }
        self.items = items
        height = items.isEmpty ? 0 : y + ChartLegend.rowHeight - top
    }

    /// The legend as a `<g class="legend">`, one `<g class="legend-item" data-series="ID">` per series.
    func render() -> String {
        guard !items.isEmpty else { return "" }
        var out = "<g class=\"legend\" font-size=\"\(SVGText.number(ChartLegend.fontSize))\" fill=\"#333333\">\n"
        for item in items {
            let middle = SVGText.number(item.y + ChartLegend.rowHeight / 2)
            out += "<g class=\"legend-item\" data-series=\"\(SVGText.escape(item.series.id))\">"
            out +=
                "<line x1=\"\(SVGText.number(item.x))\" y1=\"\(middle)\" x2=\"\(SVGText.number(item.x + ChartLegend.swatchWidth))\" y2=\"\(middle)\""
            out += " stroke=\"\(SVGText.escape(item.series.color))\" stroke-width=\"3\" stroke-linecap=\"round\"/>"
            out +=
                "<text x=\"\(SVGText.number(item.x + ChartLegend.swatchWidth + 5))\" y=\"\(SVGText.number(item.y + ChartLegend.rowHeight / 2 + 4))\">"
            out += "\(SVGText.escape(item.series.label))</text></g>\n"
        }
        return out + "</g>\n"
    }
}
