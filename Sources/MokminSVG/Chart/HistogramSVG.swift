/// A small bar chart of a column's histogram (the dataset page's profile table), as an inline `<svg class="histogram">`.
///
/// Bars are `<rect>`s scaled to the fullest bin, each with its count as a `<title>`; the column's label (file text, so
/// anything a person typed) is the chart's accessible name, written through ``SVGText/escape(_:)`` like every other text.
public enum HistogramSVG {
    static let width = 120.0
    static let height = 28.0

    /// The chart of `bins` (counts per equal-width bin, in order), named after the column `label`.
    public static func render(_ bins: [Int], label: String) -> String {
        let top = Double(max(bins.max() ?? 1, 1))
        let barWidth = width / Double(max(bins.count, 1))
        var bars = ""
        for (i, count) in bins.enumerated() where count > 0 {
            let h = max(1, height * Double(count) / top)
            bars += "<rect x=\"\(SVGText.number(Double(i) * barWidth))\" y=\"\(SVGText.number(height - h))\""
            bars += " width=\"\(SVGText.number(max(barWidth - 1, 0.5)))\" height=\"\(SVGText.number(h))\">"
            bars += "<title>\(SVGText.escape(String(count)))</title></rect>"
        }
        let (w, h) = (SVGText.number(width), SVGText.number(height))
        return "<svg class=\"histogram\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\""
            + " aria-label=\"\(SVGText.escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">\(bars)</svg>"
    }
}
