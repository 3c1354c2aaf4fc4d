import Foundation
import MokminGeo
import MokminGeoTestSupport
import MokminSVG
import Testing

@Suite("SVG maps")
struct SVGMapTests {
    static let credit = "행정구역 경계: 통계청 SGIS; vuski/admdongkor"

    /// Sejong's districts as map areas, valued by their area in km².
    static func sejongAreas() throws -> [MapArea] {
        try GeoFixtures.sejongDistricts().map { district in
            let short = district.name.split(separator: " ").last.map(String.init) ?? district.name
            return MapArea(
                id: district.code, label: short, title: "\(short): \(Int(district.area.areaSquareMetres / 1e6)) km²", geometry: district.area,
                value: district.area.areaSquareMetres / 1e6, href: "/regions/\(district.code)")
        }
    }

    /// The viewBox of the root element as (width, height).
    static func viewBox(_ document: SVGDocument) throws -> (Double, Double) {
        let numbers = try #require(document.all("svg").first?.attributes["viewBox"]).split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count == 4)
        return (numbers[2], numbers[3])
    }

    @Test("a Sejong choropleth is well-formed, with one titled, linked path per district and labels inside the viewBox")
    func sejongChoropleth() throws {
        let areas = try Self.sejongAreas()
        let svg = SVGMap(credit: Self.credit).render(areas: areas, style: MapStyle(classification: .naturalBreaks(5), legendTitle: "면적", unit: "km²"))
        let document = try #require(SVGDocument(svg))
        let root = try #require(document.all("svg").first)
        #expect(root.attributes["width"] == "100%")
        #expect(try Self.viewBox(document) == (800, 600))
        let paths = document.all("path", class: "area")
        #expect(paths.count == 20)
        #expect(paths.allSatisfy { $0.ancestors.last == "a" })
        for area in areas {
            let path = try #require(paths.first { $0.attributes["data-id"] == area.id })
            #expect(document.title(of: path) == area.title)
            #expect(path.attributes["fill"]?.hasPrefix("#") == true)
        }
        #expect(document.all("a").map { $0.attributes["href"] ?? "" }.allSatisfy { $0.hasPrefix("/regions/36110") })
        let labels = document.all("text", class: "label")
        #expect(labels.count == 20)
        #expect(labels.contains { $0.text == "조치원읍" })
        for label in labels {
            let x = try #require(label.attributes["x"].flatMap(Double.init)), y = try #require(label.attributes["y"].flatMap(Double.init))
            #expect(x >= 0 && x <= 800 && y >= 0 && y <= 600, "\(label.text) at \(x), \(y)")
            #expect(label.ancestors.contains("g"))
        }
        #expect(document.all("text", class: "credit").first?.text == Self.credit)
        #expect(document.all("g", class: "north-arrow").count == 1)
    }

    @Test("the legend shows one box per class with ranges and the unit")
    func legend() throws {
        let areas = try Self.sejongAreas()
        let svg = SVGMap(credit: Self.credit).render(areas: areas, style: MapStyle(classification: .quantiles(4), legendTitle: "면적", unit: "km²"))
        let document = try #require(SVGDocument(svg))
        let boxes = document.all("rect", class: "legend-box")
        #expect(boxes.count == 4)
        #expect(Set(boxes.compactMap { $0.attributes["fill"] }).count == 4)
        let legendTexts = document.elements.filter { $0.name == "text" && $0.ancestors.last == "g" && $0.text.contains("km²") }
        #expect(legendTexts.count == 4)
        #expect(document.all("text", class: "legend-title").first?.text == "면적")
        // Areas in the same class share its legend colour.
        let fills = Set(document.all("path", class: "area").compactMap { $0.attributes["fill"] })
        #expect(fills == Set(boxes.compactMap { $0.attributes["fill"] }))
        // Without a classification there is no legend, and areas are drawn in the neutral fill.
        let plain = try #require(SVGDocument(SVGMap(credit: Self.credit).render(areas: areas)))
        #expect(plain.all("g", class: "legend").isEmpty)
        #expect(Set(plain.all("path", class: "area").compactMap { $0.attributes["fill"] }) == [MapStyle().neutralFill])
    }

    @Test("an area without a value gets the no-data fill and its own legend entry; an explicit fill wins")
    func noDataAndExplicitFill() throws {
        var areas = try Self.sejongAreas()
        areas[0].value = nil
        areas[1].fill = "#ff0000"
        let style = MapStyle(classification: .equalInterval(3))
        let document = try #require(SVGDocument(SVGMap(credit: Self.credit).render(areas: areas, style: style)))
        let paths = document.all("path", class: "area")
        #expect(paths.first { $0.attributes["data-id"] == areas[0].id }?.attributes["fill"] == style.noDataFill)
        #expect(paths.first { $0.attributes["data-id"] == areas[1].id }?.attributes["fill"] == "#ff0000")
        #expect(document.all("rect", class: "legend-box").count == 3)
        #expect(document.all("rect", class: "legend-nodata").count == 1)
    }

    @Test("names with <, &, quotes and Korean are escaped and come back intact")
    func escaping() throws {
        let name = "A&B <\"세종\"> 'test'"
        let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
        let area = MapArea(id: "x\"&<", label: name, title: name, geometry: square, value: 1, href: "/a?b=1&c=2")
        let svg = SVGMap(credit: "출처 <A&B>").render(areas: [area], style: MapStyle(legendTitle: "제목 & \"값\""))
        #expect(!svg.contains("A&B <"))
        let document = try #require(SVGDocument(svg))
        let path = try #require(document.all("path", class: "area").first)
        #expect(path.attributes["data-id"] == "x\"&<")
        #expect(document.title(of: path) == name)
        #expect(document.all("text", class: "label").first?.text == name)
        #expect(document.all("a").first?.attributes["href"] == "/a?b=1&c=2")
        #expect(document.all("text", class: "credit").first?.text == "출처 <A&B>")
        #expect(document.all("svg").first?.attributes["aria-label"] == "제목 & \"값\"")
    }

    @Test("proportional symbols have area ∝ value, lines are classed, and the map keeps the aspect ratio")
    func pointsAndLines() throws {
        let points = [
            MapPoint(id: "a", label: "큰 곳", title: "A", location: GeoPoint(lon: 127.0, lat: 36.5), value: 400),
            MapPoint(id: "b", title: "B", location: GeoPoint(lon: 127.1, lat: 36.6), value: 100),
        ]
        let lines = [
            MapLine(id: "l1", title: "도로 1", path: [GeoPoint(lon: 127.0, lat: 36.5), GeoPoint(lon: 127.1, lat: 36.6)], value: 1),
            MapLine(id: "l2", title: "도로 2", path: [GeoPoint(lon: 127.0, lat: 36.6), GeoPoint(lon: 127.1, lat: 36.5)], value: 9),
        ]
        let svg = SVGMap(width: 400, height: 400, credit: "test").render(
            areas: [], points: points, lines: lines, style: MapStyle(classification: .equalInterval(2)))
        let document = try #require(SVGDocument(svg))
        let circles = document.all("circle", class: "point")
        let radius = { (id: String) in circles.first { $0.attributes["data-id"] == id }?.attributes["r"].flatMap(Double.init) ?? 0 }
        #expect(abs(radius("a") / radius("b") - 2) < 0.02)
        let strokes = document.all("polyline", class: "line").compactMap { $0.attributes["stroke"] }
        #expect(strokes.count == 2 && strokes[0] != strokes[1])
        #expect(document.all("line", class: "legend-line").count == 2)
        #expect(document.all("circle", class: "legend-circle").count == 2)
        // The same scale on both axes: the drawn offset between the circles has the shape of the projected offset.
        let xs = circles.compactMap { $0.attributes["cx"].flatMap(Double.init) }, ys = circles.compactMap { $0.attributes["cy"].flatMap(Double.init) }
        let a = Projection.utmK.project(points[0].location), b = Projection.utmK.project(points[1].location)
        #expect(abs(abs(ys[0] - ys[1]) / abs(xs[0] - xs[1]) - abs(a.y - b.y) / abs(a.x - b.x)) < 0.005)
    }

    @Test("the scale bar has a round length that matches the drawing scale")
    func scaleBar() throws {
        let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.1))
        let document = try #require(SVGDocument(SVGMap(credit: "test").render(areas: [MapArea(id: "s", title: "s", geometry: square)])))
        let bar = try #require(document.all("g", class: "scale-bar").first)
        let metres = try #require(bar.attributes["data-metres"].flatMap(Double.init))
        let exponent = pow(10, log10(metres).rounded(.down))
        #expect([1.0, 2, 5].contains(metres / exponent))
        let barIndex = try #require(document.elements.firstIndex { $0.attributes["class"] == "scale-bar" })
        let widths = document.elements.filter { $0.name == "rect" && $0.parent == barIndex }.compactMap {
            $0.attributes["width"].flatMap(Double.init)
        }
        let barPixels = widths.reduce(0, +)
        // The square is 8.96 km wide on the ground; measure its drawn width from the path.
        let d = try #require(document.all("path", class: "area").first?.attributes["d"])
        let numbers = d.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
        let squarePixels = try #require(xs.max()) - (try #require(xs.min()))
        let squareMetres = Geodesic.distanceMetres(GeoPoint(lon: 127.0, lat: 36.55), GeoPoint(lon: 127.1, lat: 36.55))
        #expect(abs(barPixels / metres - squarePixels / squareMetres) / (squarePixels / squareMetres) < 0.01)
        #expect(document.all("text").contains { $0.parent == barIndex && $0.text.hasSuffix("km") })
    }

    @Test("the national 시군구 file renders to a compact SVG with 1-decimal coordinates")
    func countryMapSize() throws {
        let data = try Data(contentsOf: GeoFixtures.koreaDirectory.appendingPathComponent("korea_sgg_20220309.geojson"))
        let features = try GeoJSON.decodeFeatureCollection(data)
        #expect(features.count == 250)
        let areas = features.enumerated().compactMap { index, feature in
            feature.geometry?.multiPolygon.map {
                MapArea(id: feature.string("sgg_cd") ?? "\(index)", title: feature.string("sgg_nm") ?? "", geometry: $0)
            }
        }
        let svg = SVGMap(credit: "행정구역 경계: vuski/admdongkor").render(areas: areas)
        #expect(svg.utf8.count < 400_000, "\(svg.utf8.count) bytes")
        let document = try #require(SVGDocument(svg))
        let paths = document.all("path", class: "area")
        #expect(paths.count == 250)
        let d = paths.compactMap { $0.attributes["d"] }.joined(separator: " ")
        #expect(!d.contains(".0 ") && d.range(of: #"\.\d\d"#, options: .regularExpression) == nil)
    }
}
