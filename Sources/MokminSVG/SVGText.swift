/// The one helper for writing text into markup that Swift builds (SVG maps, charts and histograms, served inline in
/// HTML pages or as `image/svg+xml`), and small number formats for it.
///
/// Every piece of text that reaches an element's content or an attribute value goes through ``escape(_:)``, whether it
/// came from a person (a column name, a station, a series label) or from code (a number, a unit): one rule, so that
/// no call site has to decide whether its text "could" hold markup.
public enum SVGText {
    /// Escapes the five XML special characters (`&`, `<`, `>`, `"`, `'`), so the result is safe both as element
    /// text and inside a double- or single-quoted attribute, in XML and in HTML. Characters XML 1.0 forbids (C0
    /// controls other than tab, newline and carriage return; U+FFFE and U+FFFF) become U+FFFD, so the document stays
    /// well-formed. Everything else, Korean included, passes through unchanged.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A link target for an `href`, escaped; nil (no link) unless it is a path on this server (`/…` but not `//…`),
    /// a query (`?…`), a fragment (`#…`) or an `http(s)` URL, so that a `javascript:` or `data:` URL is never written.
    public static func href(_ target: String) -> String? {
        let lowered = target.lowercased()
        let local = (target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\")) || target.hasPrefix("?") || target.hasPrefix("#")
        guard local || lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        return escape(target)
    }

    /// A coordinate with at most one decimal, without a trailing ".0" and without "-0"; beyond ±10¹² it is clamped,
    /// so that no value converts outside `Int`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((min(max(value, -1e12), 1e12) * 10).rounded())
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }

    /// A value for a legend: thousands separators from 1,000 up to 10¹⁵, otherwise up to two decimals; beyond 10¹⁵
    /// (a stored value no person means, such as 1e19) the exponent form, so that no value converts outside `Int64`.
    static func legendNumber(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if abs(value) >= 1e15 { return String(format: "%.3g", value) }
        if abs(value) >= 1000 {
            let digits = String(Int64(abs(value).rounded()))
            var grouped = ""
            for (i, ch) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { grouped += "," }
                grouped.append(ch)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        let decimals = abs(value) >= 100 ? 0 : abs(value) >= 10 ? 1 : 2
        let scale = [1.0, 10.0, 100.0][decimals]
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > decimals + 1 {
            text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
        }
        return text
    }
}
