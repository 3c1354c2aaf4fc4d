import Foundation
import Testing

/// The templates hold nothing the Content-Security-Policy would block or an attacker could ride: no inline script,
/// no inline event handler, no inline style, no `javascript:` link; every script they load is a file in `Static/`;
/// and unescaped mustache output (`{{{…}}}` or `{{& …}}`) only ever receives SVG drawn by MokminGeo (`SVGMap`,
/// `TimeSeriesChart`, `HistogramSVG`), which escapes every text it writes (see `HostileTextTests`).
@Suite struct TemplateSafetyTests {
    static let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/MokminWeb")

    /// The template keys that may be written unescaped, and which builder fills them.
    static let markupKeys: [String: String] = [
        "svg": "SVGMap / TimeSeriesChart (maps and charts of the board and the analyses)", "map_svg": "SVGMap (home, dataset pages)",
        "profile_svg": "TimeSeriesChart (living-population profile)", "histogram": "HistogramSVG (dataset profile)",
        "chart": "CategoryChart (plan indicator trends)", "timeline": "TimelineSVG (a task's milestones)",
        "map": "SVGMap (a poll's results by 읍면동)", "age_chart": "CategoryChart (a poll's ballots by age band)",
        "turnout_map": "SVGMap (turnout by 읍면동 on the staff pages)",
    ]

    static func templates() throws -> [(name: String, text: String)] {
        let folder = web.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            String(text[Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text)!])
        }
    }

    @Test func noInlineScriptHandlerOrStyle() throws {
        let templates = try Self.templates()
        #expect(templates.count >= 25)
        for (name, text) in templates {
            for body in try Self.matches(#"<script\b[^>]*>([\s\S]*?)</script\s*>"#, in: text) {
                #expect(body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(name): an inline script")
            }
            #expect(try Self.matches(#"<[a-z][^>]*\son[a-z]+\s*="#, in: text).isEmpty, "\(name): an inline event handler")
            #expect(try Self.matches(#"<[a-z][^>]*\sstyle\s*="#, in: text).isEmpty, "\(name): an inline style attribute")
            #expect(try Self.matches(#"<style\b"#, in: text).isEmpty, "\(name): a style element")
            #expect(!text.lowercased().contains("javascript:"), "\(name): a javascript: URL")
            for source in try Self.matches(#"<script\b[^>]*\ssrc="([^"]*)""#, in: text) {
                #expect(source.hasPrefix("/static/"), "\(name): script from \(source)")
                let file = Self.web.appendingPathComponent("Static").appendingPathComponent(String(source.dropFirst("/static/".count)))
                #expect(FileManager.default.fileExists(atPath: file.path), "\(name): \(source) is not in Static/")
            }
        }
    }

    /// Unescaped template output is only SVG from MokminGeo, and MokminWeb's Swift code writes no markup of its own
    /// (no string literal opens an SVG or HTML element): every text Swift puts into markup goes through `SVGText.escape`.
    @Test func unescapedOutputOnlyReceivesSwiftDrawnSVG() throws {
        for (name, text) in try Self.templates() {
            for key in try Self.matches(#"\{\{\{\s*([^}\s]+)\s*\}\}\}"#, in: text) + (try Self.matches(#"\{\{&\s*([^}\s]+)\s*\}\}"#, in: text)) {
                #expect(Self.markupKeys[key] != nil, "\(name): {{{\(key)}}} is written unescaped but is not SVG drawn by MokminGeo")
            }
        }
        let elements = "svg|g|rect|path|circle|line|polyline|text|title|a|script|style|div|span|p|table|tr|td|th|img|iframe|form|input"
        let literal = #""(?:[^"\\\n]|\\.)*</?(?:"# + elements + #")\b"#
        let files = try #require(FileManager.default.enumerator(atPath: Self.web.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 40)
        for file in files {
            let text = try String(contentsOf: Self.web.appendingPathComponent(file), encoding: .utf8)
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            #expect(try Self.matches(literal, in: code).isEmpty, "\(file) builds markup itself: draw it in MokminGeo with SVGText.escape")
        }
    }
}
