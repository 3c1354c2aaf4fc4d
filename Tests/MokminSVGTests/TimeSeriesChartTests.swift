import Foundation
import MokminGeo
import MokminSVG
import Testing

@Suite("Time-series charts")
struct TimeSeriesChartTests {
    /// 2026-03-01T12:00:00Z, which is 21:00 KST.
    static let noon = 1_772_366_400.0
    static let hour = 3600.0

    /// Points every `step` seconds from `start`, one per value.
    static func points(_ values: [Double?], from start: Double = noon, step: Double = hour) -> [ChartPoint] {
        values.enumerated().map { ChartPoint(time: start + Double($0.offset) * step, value: $0.element) }
    }

    static func series(_ values: [Double?], id: String = "pm25", label: String = "PM2.5 아름동", color: String = "#d7301f") -> ChartSeries {
        ChartSeries(id: id, label: label, color: color, points: points(values))
    }

    static func chart(hours: Double = 24, start: Double = noon, minimumTop: Double? = nil, bands: [ChartBand] = []) -> TimeSeriesChart {
        TimeSeriesChart(title: "초미세먼지 PM2.5", unit: "µg/m³", start: start, end: start + hours * hour, bands: bands, minimumTop: minimumTop)
    }

    static func document(_ svg: String) throws -> SVGDocument {
        try #require(SVGDocument(svg), "not well-formed:\n\(svg)")
    }

    static func number(_ element: SVGDocument.Element?, _ name: String) throws -> Double {
        try #require(element?.attributes[name].flatMap(Double.init), "no numeric \(name)")
    }

    /// The subpaths of the first series path, each as its list of (x, y) pairs.
    static func subpaths(_ document: SVGDocument) throws -> [[(Double, Double)]] {
        try #require(document.all("path", class: "series").first?.attributes["d"]).split(separator: "M").map { part in
            let numbers = part.split(separator: " ").compactMap { Double($0) }
            return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
        }
    }

    /// The y pixel of each gridline by its value.
    static func gridlines(_ document: SVGDocument) throws -> [Double: Double] {
        try Dictionary(uniqueKeysWithValues: document.all("line", class: "grid").map { (try number($0, "data-value"), try number($0, "y1")) })
    }

    @Test("the output is a well-formed, accessible SVG with Korean fonts and the title")
    func wellFormed() throws {
        let svg = Self.chart().render([Self.series([12, 18, 25, 31, 38])])
        let document = try Self.document(svg)
        let root = try #require(document.all("svg").first)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(root.attributes["viewBox"] == "0 0 640 260" && root.attributes["role"] == "img")
        #expect(root.attributes["aria-label"] == "초미세먼지 PM2.5")
        #expect(document.elements.first { $0.name == "title" }?.parent == 0)
        #expect(document.all("title").first?.text == "초미세먼지 PM2.5")
        let fonts = try #require(root.attributes["font-family"])
        #expect(fonts.contains("'Noto Sans CJK KR'") && fonts.contains("'NanumGothic'") && fonts.hasSuffix("sans-serif"))
        #expect(document.all("text", class: "unit").first?.text == "µg/m³")
        #expect(document.all("text", class: "chart-title").first?.text == "초미세먼지 PM2.5")
    }

    @Test(
        "the y axis tops out at a round value in 4–6 steps of 1, 2, 2.5 or 5 × 10ᵏ",
        arguments: [(38.0, 40.0), (0.043, 0.05), (7, 8), (100, 100), (51, 60), (0.9, 1), (1234, 1250), (0.0021, 0.0025)])
    func niceTop(maximum: Double, expectedTop: Double) throws {
        let document = try Self.document(Self.chart().render([Self.series([maximum / 3, maximum, maximum / 2])]))
        let top = try Self.number(document.all("g", class: "y-axis").first, "data-top")
        #expect(abs(top - expectedTop) < expectedTop * 1e-9)
        let values = try Self.gridlines(document).keys.sorted()
        #expect((5...7).contains(values.count), "\(values)")
        #expect(values.first == 0 && values.last == top)
        let mantissa = values[1] / pow(10, log10(values[1]).rounded(.down))
        #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(values[1])")
    }

    @Test("gridline labels use the decimals of the step: ppm scales print 0.000, 0.005 …, µg scales integers")
    func gridlineDecimals() throws {
        let ozone = try Self.document(Self.chart().render([Self.series([0.012, 0.028, 0.021])]))
        #expect(ozone.all("text", class: "y-label").map(\.text) == ["0.000", "0.005", "0.010", "0.015", "0.020", "0.025", "0.030"])
        #expect(ozone.all("text", class: "last-value").first?.text == "0.021")
        let dust = try Self.document(Self.chart().render([Self.series([12, 38, 24])]))
        #expect(dust.all("text", class: "y-label").map(\.text) == ["0", "10", "20", "30", "40"])
        #expect(dust.all("text", class: "last-value").first?.text == "24")
    }

    @Test("minimumTop raises the axis so a clean day still shows where the 나쁨 band starts")
    func minimumTop() throws {
        let bands = [ChartBand(from: 0, to: 15, color: "#1f78b4", label: "좋음"), ChartBand(from: 36, to: 75, color: "#e6550d", label: "나쁨")]
        let document = try Self.document(Self.chart(minimumTop: 40, bands: bands).render([Self.series([3, 5, 4])]))
        #expect(try Self.number(document.all("g", class: "y-axis").first, "data-top") == 40)
        #expect(document.all("rect", class: "band").compactMap { $0.attributes["data-label"] } == ["좋음", "나쁨"])
        #expect(document.all("text", class: "band-label").map(\.text) == ["좋음", "나쁨"])
    }

    @Test("windows of 6, 24 and 72 hours get 4–8 hour ticks on round local hours", arguments: [6.0, 24, 72, 6.5, 23.75, 71.2])
    func tickCount(hours: Double) throws {
        for offset in [0.0, 1234, 1800] {
            let document = try Self.document(Self.chart(hours: hours, start: Self.noon + offset).render([Self.series([1, 2, 3])]))
            let labels = document.all("text", class: "time")
            #expect((4...8).contains(labels.count), "\(hours) h from +\(offset) s: \(labels.map(\.text))")
            #expect(labels.allSatisfy { $0.text.count == 5 && $0.text.hasSuffix(":00") })
            let step = try Self.number(document.all("g", class: "x-axis").first, "data-step")
            #expect([1.0, 2, 3, 4, 6, 12].map { $0 * Self.hour }.contains(step))
            let times = try labels.map { try Self.number($0, "data-time") }
            #expect(times.allSatisfy { $0 >= Self.noon + offset && $0 <= Self.noon + offset + hours * Self.hour })
        }
    }

    @Test("time labels are in Korean local time: 15:00Z is 00:00 KST and carries the new date")
    func localTimeLabels() throws {
        let document = try Self.document(Self.chart(hours: 6).render([Self.series([1, 2])]))
        let labels = document.all("text", class: "time")
        #expect(labels.map(\.text) == ["21:00", "22:00", "23:00", "00:00", "01:00", "02:00", "03:00"])
        let midnight = try #require(labels.first { try Self.number($0, "data-time") == Self.noon + 3 * Self.hour })  // 15:00Z
        #expect(midnight.text == "00:00")
        let dates = document.all("text", class: "date")
        #expect(dates.map(\.text) == ["3/1", "3/2"] && dates.last?.attributes["x"] == midnight.attributes["x"])
        var utc = Self.chart(hours: 6)
        utc.timeZoneOffsetSeconds = 0
        let plain = try Self.document(utc.render([Self.series([1, 2])]))
        #expect(plain.all("text", class: "time").first?.text == "12:00")
        #expect(plain.all("text", class: "date").map(\.text) == ["3/1"])
    }

    @Test("windows of several days tick at local midnights, each tick dated")
    func longWindow() throws {
        let document = try Self.document(Self.chart(hours: 240, start: Self.noon + 3 * Self.hour).render([Self.series([1, 2])]))
        let labels = document.all("text", class: "time")
        #expect((4...8).contains(labels.count) && labels.allSatisfy { $0.text == "00:00" })
        #expect(document.all("text", class: "date").count == labels.count)
    }

    @Test("a nil value breaks the line into two subpaths; regular data stays one path")
    func nilSplitsPath() throws {
        let broken = try Self.document(Self.chart().render([Self.series([10, 12, 14, nil, 16, 18])]))
        #expect(try Self.subpaths(broken).map(\.count) == [3, 2])
        let whole = try Self.document(Self.chart().render([Self.series([10, 12, 14, 15, 16, 18])]))
        #expect(try Self.subpaths(whole).map(\.count) == [6])
    }

    @Test("a time jump over three median spacings breaks the line; an isolated point is still drawn")
    func timeGapAndIsolatedPoint() throws {
        let times = [0.0, 1, 2, 3, 7, 8, 12, 13].map { Self.noon + $0 * Self.hour }  // gaps of 4 h after 3 and 8
        let gappy = ChartSeries(id: "o3", label: "오존", color: "#238b45", points: times.map { ChartPoint(time: $0, value: 0.03) })
        let document = try Self.document(Self.chart().render([gappy]))
        #expect(try Self.subpaths(document).map(\.count) == [4, 2, 2])
        let lonely = try Self.document(Self.chart().render([Self.series([10, 12, nil, 20, nil, 14, 15])]))
        #expect(lonely.all("circle", class: "series-dot").compactMap { $0.attributes["data-series"] } == ["pm25"])
        #expect(try Self.subpaths(lonely).map(\.count) == [2, 2])
    }

    @Test("points outside the window are dropped and every drawn point lies inside the plot")
    func clipping() throws {
        let values: [Double?] = Array(repeating: 20, count: 36)
        let wide = ChartSeries(id: "pm10", label: "PM10", color: "#3182bd", points: Self.points(values, from: Self.noon - 6 * Self.hour))
        let document = try Self.document(Self.chart(hours: 24).render([wide]))
        let points = try Self.subpaths(document).flatMap { $0 }
        #expect(points.count == 25)
        let axis = document.all("line", class: "grid").first
        let (left, right) = (try Self.number(axis, "x1"), try Self.number(axis, "x2"))
        #expect(points.first?.0 == left && points.allSatisfy { $0.0 >= left && $0.0 <= right })
    }

    @Test("the last point of each series gets a circle and its value label")
    func lastPoint() throws {
        let document = try Self.document(
            Self.chart().render([Self.series([10, 20, 30, nil]), Self.series([5, 8], id: "pm10", label: "PM10", color: "#3182bd")]))
        let circles = document.all("circle", class: "last-point")
        #expect(circles.compactMap { $0.attributes["data-series"] } == ["pm25", "pm10"])
        #expect(document.all("text", class: "last-value").map(\.text) == ["30", "8"])
        #expect(try Self.number(circles.first, "cy") == Self.gridlines(document)[30])
    }

    @Test("value labels of series that end at about the same height are pushed apart")
    func lastValuesApart() throws {
        let input = [
            Self.series([10, 20]), Self.series([10, 20.4], id: "b", color: "#000000"), Self.series([10, 19.8], id: "c", color: "#555555"),
        ]
        let ys = try Self.document(Self.chart().render(input)).all("text", class: "last-value").map { try Self.number($0, "y") }.sorted()
        #expect(ys.count == 3 && zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 10 }, "\(ys)")
    }

    @Test("without any point in the window the empty text is centred over still-drawn axes", arguments: [false, true])
    func empty(withSeries: Bool) throws {
        let series =
            withSeries ? [Self.series([nil, nil]), ChartSeries(id: "x", label: "X", color: "#000000", points: Self.points([5], from: 0))] : []
        let document = try Self.document(Self.chart().render(series))
        let empty = try #require(document.all("text", class: "empty").first)
        #expect(empty.text == "자료 없음 · No data" && empty.attributes["text-anchor"] == "middle")
        #expect(document.all("line", class: "grid").count >= 5)
        #expect((4...8).contains(document.all("text", class: "time").count))
        #expect(document.all("circle", class: "last-point").isEmpty)
        let nonEmpty = try Self.document(Self.chart().render([Self.series([1])]))
        #expect(nonEmpty.all("text", class: "empty").isEmpty)
    }

    @Test("Korean text with < and & is escaped and reads back unchanged")
    func escaping() throws {
        var chart = Self.chart()
        chart.title = "<아름동> 미세먼지 & 오존"
        let label = "PM2.5 <아름동> & \"보람\""
        let svg = chart.render([Self.series([1, 2], id: "a&b", label: label)])
        #expect(svg.contains("&lt;아름동&gt; 미세먼지 &amp; 오존"))
        let document = try Self.document(svg)
        #expect(document.all("svg").first?.attributes["aria-label"] == chart.title)
        #expect(document.all("title").first?.text == chart.title)
        #expect(document.all("path", class: "series").first?.attributes["data-series"] == "a&b")
        #expect(document.all("text").contains { $0.text == label && $0.ancestors.suffix(2) == ["g", "g"] })
    }

    @Test("band rectangles span exactly the gridline positions of their values and stop at the top of the axis")
    func bandPositions() throws {
        let bands = [
            ChartBand(from: 0, to: 15, color: "#1f78b4", label: "좋음"), ChartBand(from: 15, to: 35, color: "#33a02c", label: "보통"),
            ChartBand(from: 35, to: 75, color: "#ff7f00", label: "나쁨"), ChartBand(from: 75, to: .infinity, color: "#e31a1c", label: "매우나쁨"),
        ]
        let document = try Self.document(Self.chart(bands: bands).render([Self.series([20, 48, 33])]))
        let grid = try Self.gridlines(document)
        let (zero, top) = (try #require(grid[0]), try #require(grid[50]))
        func pixel(_ value: Double) -> Double { zero + (top - zero) * value / 50 }
        let rects = document.all("rect", class: "band")
        #expect(rects.compactMap { $0.attributes["data-label"] } == ["좋음", "보통", "나쁨"])
        for (rect, (low, high)) in zip(rects, [(0.0, 15.0), (15, 35), (35, 50)]) {
            let y = try Self.number(rect, "y"), height = try Self.number(rect, "height")
            #expect(abs(y - pixel(high)) <= 0.1 && abs(y + height - pixel(low)) <= 0.1, "\(rect.attributes)")
            #expect(rect.attributes["fill-opacity"] == "0.15")
        }
    }

    @Test("the legend shows a swatch in the series colour and the label of every series")
    func legend() throws {
        let document = try Self.document(
            Self.chart().render([Self.series([1, 2]), Self.series([3, 4], id: "pm10", label: "PM10 보람동", color: "#3182bd")]))
        #expect(document.all("g", class: "legend-item").compactMap { $0.attributes["data-series"] } == ["pm25", "pm10"])
        let swatches = document.elements.filter { $0.name == "line" && $0.ancestors.suffix(2) == ["g", "g"] && $0.attributes["stroke-width"] == "3" }
        #expect(swatches.compactMap { $0.attributes["stroke"] } == ["#d7301f", "#3182bd"])
        #expect(document.elements.contains { $0.name == "text" && $0.text == "PM10 보람동" })
    }

    @Test("the same input renders the same string, with coordinates of at most one decimal")
    func determinism() throws {
        let input = [Self.series([12.34, nil, 18.9, 25.01, 31, 38.77]), Self.series([0.3, 7], id: "b", label: "B", color: "#000000")]
        let first = Self.chart(minimumTop: 40).render(input)
        #expect(first == Self.chart(minimumTop: 40).render(input))
        let d = try #require(Self.document(first).all("path", class: "series").first?.attributes["d"])
        let numbers = d.split(whereSeparator: { $0 == "M" || $0 == " " })
        #expect(numbers.count == 8)  // 12.34 stands alone before the nil: a dot, not part of the path
        #expect(numbers.allSatisfy { Double($0) != nil && !$0.contains("e") && ($0.split(separator: ".").dropFirst().first?.count ?? 0) <= 1 })
    }
}
