/// Values per category (a period such as `2020-05`, or any label) as bars or a line, with reference lines such as a
/// target and a baseline: a plan indicator's trend, and the bar and line charts of dashboards.
///
/// The y axis runs from 0 to a round top covering every value and reference (as ``TimeSeriesChart``'s does); the x
/// axis labels every category, or every k-th when there are more than fit. Each bar or point carries a `<title>` with
/// its category and value, the last value is written beside its mark, and every text goes through
/// ``SVGText/escape(_:)``. The same input always gives the same string.
public struct CategoryChart: Sendable {
    public enum Style: Sendable { case bars, line }

    /// A dashed horizontal line across the plot with its label at the right.
    public struct Reference: Sendable, Hashable {
        public var value: Double
        public var label: String
        public var color: String

        public init(value: Double, label: String, color: String) {
            self.value = value
            self.label = label
            self.color = color
        }
    }

    public var title: String
    public var unit: String
    public var style: Style
    public var color: String
    public var width: Double
    public var height: Double
    public var emptyText: String

    public init(
        title: String, unit: String, style: Style = .bars, color: String = "#2f6fb2", width: Double = 560, height: Double = 220,
        emptyText: String = "자료 없음 · No data"
    ) {
        self.title = title
        self.unit = unit
        self.style = style
        self.color = color
        self.width = width
        self.height = height
        self.emptyText = emptyText
    }

    /// The chart of `values` (one per category, nil where there is none) with `references`.
    public func render(categories: [String], values: [Double?], references: [Reference] = []) -> String {
        let (w, h) = (max(width, 240), max(height, 140))
        let (left, right, top, bottom) = (56.0, 96.0, 30.0, 34.0)
        let plotW = w - left - right, plotH = h - top - bottom
        let count = min(categories.count, values.count)
        let finite = values.prefix(count).compactMap { $0 }.filter(\.isFinite) + references.map(\.value).filter(\.isFinite)
        let scale = ChartValueScale(covering: finite.max() ?? 1)
        func y(_ v: Double) -> Double { top + plotH - plotH * min(max(v, 0), scale.top) / scale.top }
        let slot = plotW / Double(max(count, 1))
        func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }

        var svg = "<svg class=\"category-chart\" viewBox=\"0 0 \(SVGText.number(w)) \(SVGText.number(h))\" role=\"img\""
        svg += " aria-label=\"\(SVGText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"12\">"
        svg += "<title>\(SVGText.escape(title))</title>"
        svg += "<text x=\"\(SVGText.number(left))\" y=\"16\" font-weight=\"bold\" fill=\"#222\">\(SVGText.escape(title))</text>"
        if !unit.isEmpty {
            svg +=
                "<text x=\"\(SVGText.number(left - 6))\" y=\"\(SVGText.number(top - 6))\" text-anchor=\"end\" fill=\"#555\">\(SVGText.escape(unit))</text>"
        }
        for i in 0...scale.intervals {
            let v = scale.value(at: i)
            svg +=
                "<line x1=\"\(SVGText.number(left))\" x2=\"\(SVGText.number(left + plotW))\" y1=\"\(SVGText.number(y(v)))\" y2=\"\(SVGText.number(y(v)))\""
            svg += " stroke=\"#ddd\"/>"
            svg += "<text x=\"\(SVGText.number(left - 6))\" y=\"\(SVGText.number(y(v) + 4))\" text-anchor=\"end\" fill=\"#555\">"
            svg += "\(SVGText.escape(scale.label(v)))</text>"
        }
        let every = max(1, Int((Double(count) * 64 / plotW).rounded(.up)))
        for i in 0..<count where i % every == 0 || i == count - 1 {
            svg += "<text x=\"\(SVGText.number(x(i)))\" y=\"\(SVGText.number(h - bottom + 16))\" text-anchor=\"middle\" fill=\"#333\">"
            svg += "\(SVGText.escape(categories[i]))</text>"
        }
        if finite.isEmpty || count == 0 {
            svg += "<text x=\"\(SVGText.number(left + plotW / 2))\" y=\"\(SVGText.number(top + plotH / 2))\" text-anchor=\"middle\" fill=\"#777\">"
            svg += "\(SVGText.escape(emptyText))</text>"
        }
        var marks = ""
        var path = ""
        var last: (x: Double, y: Double, value: Double)?
        for i in 0..<count {
            guard let v = values[i], v.isFinite else {
                path += " "
                continue
            }
            let label = "<title>\(SVGText.escape(categories[i])): \(SVGText.escape(scale.valueText(v))) \(SVGText.escape(unit))</title>"
            switch style {
            case .bars:
                let barW = max(slot * 0.6, 1)
                marks +=
                    "<rect class=\"bar\" x=\"\(SVGText.number(x(i) - barW / 2))\" y=\"\(SVGText.number(y(v)))\" width=\"\(SVGText.number(barW))\""
                marks += " height=\"\(SVGText.number(top + plotH - y(v)))\" fill=\"\(SVGText.escape(color))\">\(label)</rect>"
            case .line:
                path += (path.isEmpty || path.hasSuffix(" ") ? "M" : "L") + "\(SVGText.number(x(i))),\(SVGText.number(y(v)))"
                marks +=
                    "<circle class=\"point\" cx=\"\(SVGText.number(x(i)))\" cy=\"\(SVGText.number(y(v)))\" r=\"3.5\" fill=\"\(SVGText.escape(color))\">"
                marks += "\(label)</circle>"
            }
            last = (x(i), y(v), v)
        }
        if style == .line && !path.isEmpty {
            let d = path.split(separator: " ").joined(separator: " ")
            svg += "<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(SVGText.escape(color))\" stroke-width=\"2\"/>"
        }
        svg += marks
        if let last {
            svg += "<text class=\"last-value\" x=\"\(SVGText.number(last.x + 6))\" y=\"\(SVGText.number(last.y - 6))\" fill=\"#222\">"
            svg += "\(SVGText.escape(scale.valueText(last.value)))</text>"
        }
        for reference in references where reference.value.isFinite {
            let ry = y(reference.value)
            svg += "<line class=\"reference\" x1=\"\(SVGText.number(left))\" x2=\"\(SVGText.number(left + plotW))\" y1=\"\(SVGText.number(ry))\""
            svg += " y2=\"\(SVGText.number(ry))\" stroke=\"\(SVGText.escape(reference.color))\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            svg += "<text x=\"\(SVGText.number(left + plotW + 6))\" y=\"\(SVGText.number(ry + 4))\" fill=\"\(SVGText.escape(reference.color))\">"
            svg += "\(SVGText.escape(reference.label)) \(SVGText.escape(scale.valueText(reference.value)))</text>"
        }
        return svg + "</svg>"
    }
}
