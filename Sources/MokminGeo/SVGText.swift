/// Small helpers for writing compact, well-formed SVG text.
enum SVGText {
    /// Escapes the five XML special characters; everything else, Korean included, passes through unchanged.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, without a trailing ".0" and without "-0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }

    /// A value for a legend: thousands separators at 1,000 and above, otherwise up to two decimals.
    static func legendNumber(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
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
