import Foundation
import MokminGeo
import MokminGeoTestSupport
import MokminSVG
import Testing

/// Every SVG builder of Mokmin gets text a person could have typed (a CSV column name, a station, a feed's series
/// label, a region name) that tries to break out of an attribute or an element, and its output must parse as XML with
/// nothing but the drawing's own elements and attributes, every hostile text read back exactly as given.
@Suite("Hostile text in SVG")
struct HostileTextTests {
    /// Quotes, brackets and ampersands, attribute break-outs, a script element, a comment and CDATA opener, and
    /// characters XML forbids (which come back as U+FFFD).
    static let hostile = [
        #""'<>&"#, #""><script>alert(1)</script>"#, #"n" onload="alert(1)"#, "x' onmouseover='alert(1)", "]]><!-- <![CDATA[ -->",
        "</svg><svg onload=alert(1)>", "&amp;&#x3c; 세종", "제어\u{1}문자\u{1F}끝\u{FFFE}",
    ]

    /// The elements the builders draw; anything else in the output was injected.
    static let drawing: Set<String> = ["svg", "g", "title", "rect", "path", "a", "polyline", "circle", "line", "text"]

    /// What XML gives back for `text`: the same, with the characters XML forbids as U+FFFD.
    static func readBack(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { s in
                    (s.value < 0x20 && !["\t", "\n", "\r"].contains(s)) || s.value == 0xFFFE || s.value == 0xFFFF ? "\u{FFFD}" : s
                }))
    }

    /// Parses `svg` and checks that it holds only drawing elements, no event handler or style, no script link, and
    /// every one of `texts` intact in some element's text or attribute.
    static func check(_ svg: String, holds texts: [String], _ builder: String) throws {
        let document = try #require(SVGDocument(svg), "\(builder): not well-formed XML:\n\(svg)")
        for element in document.elements {
            #expect(drawing.contains(element.name), "\(builder): injected <\(element.name)>")
            for name in element.attributes.keys {
                #expect(!name.lowercased().hasPrefix("on") && name != "style", "\(builder): injected attribute \(name) on <\(element.name)>")
            }
            if let href = element.attributes["href"] {
                #expect(href.hasPrefix("/") || href.hasPrefix("?") || href.hasPrefix("#") || href.hasPrefix("http"), "\(builder): link \(href)")
            }
        }
        let written = document.elements.flatMap { [$0.text] + Array($0.attributes.values) }
        for text in texts.map(readBack) {
            #expect(written.contains { $0.contains(text) }, "\(builder): \(text) did not come back intact")
        }
    }

    static let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))

    @Test("maps: areas, points, lines, labels, legend, unit, credit, ids, links and colours", arguments: hostile)
    func map(_ text: String) throws {
        let areas = [
            MapArea(id: text, label: text, title: text, geometry: Self.square, value: 1, href: "/regions/\(text)", fill: nil),
            MapArea(id: text + "2", label: nil, title: text, geometry: Self.square, value: nil, href: "javascript:alert(1)", fill: text),
        ]
        let points = [MapPoint(id: text, label: text, title: text, location: GeoPoint(lon: 127.005, lat: 36.505), value: 10, fill: text)]
        let lines = [
            MapLine(id: text, title: text, path: [GeoPoint(lon: 127.0, lat: 36.5), GeoPoint(lon: 127.01, lat: 36.51)], value: 3, stroke: nil),
            MapLine(id: text + "2", title: text, path: [GeoPoint(lon: 127.01, lat: 36.5), GeoPoint(lon: 127.0, lat: 36.51)], value: 5, stroke: text),
        ]
        let style = MapStyle(palette: ["#ffffff", text, "#000000"], classification: .equalInterval(2), legendTitle: text, unit: text)
        let svg = SVGMap(credit: text).render(areas: areas, points: points, lines: lines, style: style)
        try Self.check(svg, holds: [text], "SVGMap")
        let document = try #require(SVGDocument(svg))
        #expect(document.all("a").count == 1, "only the local link is written, never javascript:")
        #expect(document.all("text", class: "credit").first?.text == Self.readBack(text))
        #expect(document.all("text", class: "legend-title").first?.text == Self.readBack(text))
    }

    @Test("charts: title, unit, empty text, series ids, labels and colours, band labels and colours", arguments: hostile)
    func chart(_ text: String) throws {
        let start = 1_772_366_400.0
        let chart = TimeSeriesChart(
            title: text, unit: text, start: start, end: start + 6 * 3600, bands: [ChartBand(from: 0, to: 50, color: text, label: text)],
            emptyText: text)
        let series = [
            ChartSeries(id: text, label: text, color: text, points: (0..<6).map { ChartPoint(time: start + Double($0) * 3600, value: Double($0)) })
        ]
        let drawn = chart.render(series)
        try Self.check(drawn, holds: [text], "TimeSeriesChart")
        let document = try #require(SVGDocument(drawn))
        #expect(document.all("svg").first?.attributes["aria-label"] == Self.readBack(text))
        #expect(document.all("path", class: "series").first?.attributes["data-series"] == Self.readBack(text))
        let empty = chart.render([ChartSeries(id: text, label: text, color: text, points: [])])
        try Self.check(empty, holds: [text], "TimeSeriesChart (empty)")
        #expect(SVGDocument(empty)?.all("text", class: "empty").first?.text == Self.readBack(text))
    }

    @Test("histograms: the column name is the accessible name and nothing more", arguments: hostile)
    func histogram(_ text: String) throws {
        let svg = HistogramSVG.render([3, 0, 7, 1], label: text)
        try Self.check(svg, holds: [text], "HistogramSVG")
        let root = try #require(SVGDocument(svg)?.all("svg").first)
        #expect(root.attributes["aria-label"] == Self.readBack(text))
        #expect(Set(root.attributes.keys) == ["class", "viewBox", "width", "height", "role", "aria-label", "xmlns"])
    }

    @Test("category charts and timelines: categories, units, references and milestone titles stay text", arguments: hostile)
    func categoryChartAndTimeline(_ text: String) throws {
        for style in [CategoryChart.Style.bars, .line] {
            let chart = CategoryChart(title: text, unit: text, style: style, color: text)
            let svg = chart.render(
                categories: [text, "2020-02", text], values: [1, nil, 3], references: [.init(value: 2, label: text, color: text)])
            try Self.check(svg, holds: [text], "CategoryChart")
            #expect(SVGDocument(svg)?.all("svg").first?.attributes["aria-label"] == Self.readBack(text))
        }
        let timeline = TimelineSVG.render(
            start: "2020-01-01", end: "2020-12-31", today: "2020-06-30", marks: [.init(day: "2020-03-01", title: text, state: .overdue)], label: text,
            todayLabel: text)
        try Self.check(timeline, holds: [text], "TimelineSVG")
        #expect(SVGDocument(CategoryChart(title: "t", unit: "u").render(categories: ["a"], values: [1e300], references: [.init(value: -1e19, label: "x", color: "#000")])) != nil)
    }

    @Test("the helper escapes all five characters, keeps Korean, and refuses script links")
    func helper() {
        #expect(SVGText.escape(#"<a href="x" title='y'>&</a> 세종"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; 세종")
        #expect(SVGText.escape("a\u{0}b\u{B}c\td\ne") == "a\u{FFFD}b\u{FFFD}c\td\ne")
        #expect(SVGText.href("javascript:alert(1)") == nil && SVGText.href(" JavaScript:x") == nil && SVGText.href("data:text/html,x") == nil)
        #expect(SVGText.href("//evil.example/") == nil && SVGText.href("/\\evil.example/") == nil)
        #expect(SVGText.href("/datasets/a?b=1&c=\"") == "/datasets/a?b=1&amp;c=&quot;" && SVGText.href("https://example.org/") != nil)
    }

    @Test("stored values far past any real one (1e19, 1e300) draw instead of trapping")
    func hugeValues() throws {
        let areas = [1e19, 2e19, 1e300].enumerated().map { index, value in
            MapArea(id: "a\(index)", title: "a", geometry: Self.square, value: value)
        }
        let points = [MapPoint(id: "p", title: "p", location: GeoPoint(lon: 127.005, lat: 36.505), value: 1e19)]
        let map = SVGMap(credit: "c").render(areas: areas, points: points, style: MapStyle(classification: .quantiles(3), unit: "명"))
        let document = try #require(SVGDocument(map))
        #expect(document.all("text").contains { $0.text.contains("e+19") }, "the legend writes 1e19 as a number")
        let start = 1_772_366_400.0
        let chart = TimeSeriesChart(title: "t", unit: "u", start: start, end: start + 3600, minimumTop: 1e300)
        #expect(SVGDocument(chart.render([ChartSeries(id: "s", label: "s", color: "#000", points: [ChartPoint(time: start, value: 1e19)])])) != nil)
        #expect(SVGDocument(HistogramSVG.render([Int.max, 1], label: "n")) != nil)
    }
}
