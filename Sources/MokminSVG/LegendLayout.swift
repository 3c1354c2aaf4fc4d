import Foundation

/// The legend of an ``SVGMap``: class boxes for areas, swatches for lines and nested circles for point sizes.
struct LegendLayout {
    enum Row {
        case title(String)
        case box(colour: String, text: String, cssClass: String)
        case line(colour: String, text: String)
        case circles(values: [Double], maxValue: Double, texts: [String])
    }

    let rows: [Row]
    let width: Double

    static let rowHeight = 18.0
    static let fontSize = 11.0

    /// Nil when there is nothing to explain: no classed values and no sized points.
    init?(
        style: MapStyle, areaBreaks: [Double], hasNoData: Bool, lineBreaks: [Double], maxPointValue: Double?, maxWidth: Double
    ) {
        var rows: [Row] = []
        let unit = style.unit
        if areaBreaks.count >= 2 {
            let count = areaBreaks.count - 1
            for i in 0..<count {
                let text = LegendLayout.rangeText(areaBreaks[i], areaBreaks[i + 1], unit: unit)
                rows.append(.box(colour: style.colour(forClass: i, of: count), text: text, cssClass: "legend-box"))
            }
            if hasNoData { rows.append(.box(colour: style.noDataFill, text: "자료 없음", cssClass: "legend-nodata")) }
        }
        if lineBreaks.count >= 2 {
            let count = lineBreaks.count - 1
            for i in 0..<count {
                rows.append(
                    .line(colour: style.colour(forClass: i, of: count), text: LegendLayout.rangeText(lineBreaks[i], lineBreaks[i + 1], unit: unit)))
            }
        }
        if let maxPointValue {
            let small = LegendLayout.roundDown(maxPointValue / 4)
            let values = small > 0 && small < maxPointValue ? [maxPointValue, small] : [maxPointValue]
            rows.append(
                .circles(values: values, maxValue: maxPointValue, texts: values.map { LegendLayout.withUnit(SVGText.legendNumber($0), unit: unit) }))
        }
        guard !rows.isEmpty else { return nil }
        if let title = style.legendTitle, !title.isEmpty { rows.insert(.title(title), at: 0) }
        self.rows = rows
        let widest =
            rows.map { row -> Double in
                switch row {
                case .title(let text): MapRenderer.textWidthEms(text) * 12
                case .box(_, let text, _), .line(_, let text): 22 + MapRenderer.textWidthEms(text) * LegendLayout.fontSize
                case .circles(_, _, let texts):
                    2 * MapRenderer.maxRadius + 8 + (texts.map { MapRenderer.textWidthEms($0) }.max() ?? 0) * LegendLayout.fontSize
                }
            }.max() ?? 0
        width = min(maxWidth, max(60, widest + 4))
    }

    /// "a – b unit", or "a unit" for a class of one value.
    static func rangeText(_ low: Double, _ high: Double, unit: String?) -> String {
        let range = low == high ? SVGText.legendNumber(low) : "\(SVGText.legendNumber(low)) – \(SVGText.legendNumber(high))"
        return withUnit(range, unit: unit)
    }

    /// The text followed by the unit ("%" without a space).
    static func withUnit(_ text: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return text }
        return unit == "%" ? text + unit : "\(text) \(unit)"
    }

    /// The largest 1, 2 or 5 × 10ⁿ not above `value`.
    static func roundDown(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 0 }
        let power = pow(10, (log10(value)).rounded(.down))
        return [5.0, 2, 1].map { $0 * power }.first { $0 <= value * (1 + 1e-12) } ?? power
    }

    /// The legend as a `<g class="legend">` at (x, y).
    func render(x: Double, y: Double, renderer: MapRenderer) -> String {
        var out = "<g class=\"legend\" font-size=\"\(SVGText.number(LegendLayout.fontSize))\" fill=\"#333333\">\n"
        var top = y
        for row in rows {
            switch row {
            case .title(let text):
                out += "<text class=\"legend-title\" x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(top + 12))\" font-size=\"12\""
                out += " font-weight=\"bold\">\(SVGText.escape(text))</text>\n"
                top += LegendLayout.rowHeight + 2
            case .box(let colour, let text, let cssClass):
                out += "<rect class=\"\(cssClass)\" x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(top))\" width=\"16\" height=\"14\""
                out += " fill=\"\(SVGText.escape(colour))\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n"
                out += textElement(text, x: x + 22, y: top + 11)
                top += LegendLayout.rowHeight
            case .line(let colour, let text):
                out += "<line class=\"legend-line\" x1=\"\(SVGText.number(x))\" y1=\"\(SVGText.number(top + 7))\""
                out += " x2=\"\(SVGText.number(x + 16))\" y2=\"\(SVGText.number(top + 7))\" stroke=\"\(SVGText.escape(colour))\""
                out += " stroke-width=\"3\" stroke-linecap=\"round\"/>\n"
                out += textElement(text, x: x + 22, y: top + 11)
                top += LegendLayout.rowHeight
            case .circles(let values, _, let texts):
                let bottom = top + 2 * MapRenderer.maxRadius + 2
                let cx = x + MapRenderer.maxRadius
                for (value, text) in zip(values, texts) {
                    let r = renderer.radius(for: value)
                    out += "<circle class=\"legend-circle\" cx=\"\(SVGText.number(cx))\" cy=\"\(SVGText.number(bottom - r))\""
                    out += " r=\"\(SVGText.number(r))\" fill=\"none\" stroke=\"#555555\"/>\n"
                    out += textElement(text, x: cx + MapRenderer.maxRadius + 6, y: bottom - 2 * r + 4)
                }
                top = bottom + 6
            }
        }
        return out + "</g>\n"
    }

    private func textElement(_ text: String, x: Double, y: Double) -> String {
        "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\">\(SVGText.escape(text))</text>\n"
    }
}
