/// A generic feed's time format (see ``GenericFeedMapping/timeFormat``), turning field text into Korean local time
/// `YYYY-MM-DDTHH:MM:SS`.
import MokminBase
enum GenericTimeFormat: Sendable, Hashable {
    case auto
    case unix
    case unixMillis
    /// `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` and literal characters.
    case pattern([Token])

    enum Token: Sendable, Hashable {
        case field(Character)
        case literal(Character)
    }

    private static let widths: [Character: Int] = ["y": 4, "M": 2, "d": 2, "H": 2, "m": 2, "s": 2]

    /// The format named by `text`, or nil when it is not one (a pattern needs `yyyy`, `MM` and `dd`, and each
    /// letter of `yMdHms` in runs of its exact width).
    init?(_ text: String?) {
        guard let text, !text.isEmpty, text.lowercased() != "auto" else {
            self = .auto
            return
        }
        switch text.lowercased() {
        case "unix", "epoch", "unixseconds": self = .unix
        case "unixmillis", "epochmillis": self = .unixMillis
        default:
            var tokens: [Token] = []
            var chars = Array(text)[...]
            while let c = chars.first {
                guard let width = Self.widths[c] else {
                    tokens.append(.literal(c))
                    chars = chars.dropFirst()
                    continue
                }
                let run = chars.prefix { $0 == c }.count
                guard run == width, !tokens.contains(.field(c)) else { return nil }
                tokens.append(.field(c))
                chars = chars.dropFirst(run)
            }
            guard ["y", "M", "d"].allSatisfy({ tokens.contains(.field($0)) }) else { return nil }
            self = .pattern(tokens)
        }
    }

    /// The local time `raw` stands for, or nil when it is not in this format.
    func localISO(_ raw: String) -> String? {
        switch self {
        case .auto:
            return ValueParser.dateTime(raw) ?? ValueParser.date(raw).map { $0 + "T00:00:00" } ?? Self.zonedISO(raw)
        case .unix, .unixMillis:
            guard let number = Double(raw), number.isFinite, abs(number) < 1e15 else { return nil }
            let seconds = self == .unix ? number : number / 1000
            return LocalTime(epochSeconds: Int64(seconds.rounded(.down))).iso
        case .pattern(let tokens):
            var values: [Character: String] = [:]
            var rest = Substring(raw)
            for token in tokens {
                switch token {
                case .literal(let c):
                    guard rest.first == c else { return nil }
                    rest = rest.dropFirst()
                case .field(let c):
                    let width = Self.widths[c]!
                    let digits = rest.prefix(width)
                    guard digits.count == width, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
                    values[c] = String(digits)
                    rest = rest.dropFirst(width)
                }
            }
            guard rest.isEmpty, let y = values["y"], let mo = values["M"], let d = values["d"] else { return nil }
            return ValueParser.dateTime("\(y)-\(mo)-\(d) \(values["H"] ?? "00"):\(values["m"] ?? "00"):\(values["s"] ?? "00")")
        }
    }

    /// ISO 8601 with a zone (`2026-07-28T08:00:00Z`, `…+09:00`, `…+0900`, optional fraction) as Korean local time.
    static func zonedISO(_ raw: String) -> String? {
        let chars = Array(raw)
        guard chars.count >= 20, ValueParser.dateTime(String(chars[0..<19])) != nil,
            let utcLike = LocalTime.epochSeconds(localISO: String(chars[0..<19])), chars[10] == "T"
        else { return nil }
        var i = 19
        if chars[i] == "." {
            i += 1
            while i < chars.count, chars[i].isNumber { i += 1 }
        }
        var offset: Int64 = 0
        let zone = String(chars[i...])
        if zone != "Z" {
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard let sign = zone.first, sign == "+" || sign == "-", digits.count == 4, let hh = Int64(digits.prefix(2)),
                let mm = Int64(digits.suffix(2))
            else { return nil }
            offset = (hh * 3600 + mm * 60) * (sign == "-" ? -1 : 1)
        }
        return LocalTime(epochSeconds: utcLike + LocalTime.offsetSeconds - offset).iso
    }
}
