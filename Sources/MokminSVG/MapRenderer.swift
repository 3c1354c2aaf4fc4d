import Foundation
import MokminGeo

/// The work of one ``SVGMap/render(areas:points:lines:style:)`` call: layout, class breaks and output.
struct MapRenderer {
    let map: SVGMap
    let areas: [MapArea]
    let points: [MapPoint]
    let lines: [MapLine]
    let style: MapStyle
    /// Class boundaries of the area values (empty without a classification or values).
    let areaBreaks: [Double]
    /// Class boundaries of the line values.
    let lineBreaks: [Double]
    /// The largest point value, for symbol sizes.
    let maxPointValue: Double?
    let legend: LegendLayout?
    let frame: MapFrame

    static let margin = 10.0
    static let footerHeight = 40.0
    static let fontFamily = "'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif"
    /// Radius of the circle of the largest point value, in pixels.
    static let maxRadius = 18.0

    init(map: SVGMap, areas: [MapArea], points: [MapPoint], lines: [MapLine], style: MapStyle) {
        self.map = map
        self.areas = areas
        self.points = points
        self.lines = lines
        self.style = style
        let classification = style.classification
        areaBreaks = classification?.breaks(for: areas.compactMap(\.value)) ?? []
        lineBreaks = classification?.breaks(for: lines.compactMap(\.value)) ?? []
        maxPointValue = points.compactMap(\.value).filter { $0.isFinite && $0 > 0 }.max()
        let legend = LegendLayout(
            style: style, areaBreaks: areaBreaks, hasNoData: classification != nil && areas.contains { $0.value == nil && $0.fill == nil },
            lineBreaks: lineBreaks, maxPointValue: maxPointValue, maxWidth: map.width * 0.4)
        self.legend = legend
        let m = MapRenderer.margin
        let legendWidth = legend.map { $0.width + m } ?? 0
        let viewport = (
            x: m + legendWidth, y: m, width: max(10, map.width - 2 * m - legendWidth), height: max(10, map.height - m - MapRenderer.footerHeight)
        )
        var extent = areas.flatMap { $0.geometry.polygons.compactMap(\.rings.first).flatMap { $0 } }
        extent += points.map(\.location) + lines.flatMap(\.path)
        frame = MapFrame(fitting: extent.map(map.projection.project), into: viewport)
    }

    func render() -> String {
        let w = SVGText.number(map.width), h = SVGText.number(map.height)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mokmin-map\" viewBox=\"0 0 \(w) \(h)\" width=\"100%\""
        svg += " preserveAspectRatio=\"xMidYMid meet\" role=\"img\""
        if let title = style.legendTitle { svg += " aria-label=\"\(SVGText.escape(title))\"" }
        // No `style` attribute or element: the page's Content-Security-Policy allows only the stylesheets in /static,
        // where `.mokmin-map` gets its size and its hover outlines.
        svg += " font-family=\"\(MapRenderer.fontFamily)\">\n"
        svg += "<rect class=\"background\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        svg += areaLayer()
        svg += lineLayer()
        svg += pointLayer()
        svg += labelLayer()
        if let legend { svg += legend.render(x: MapRenderer.margin, y: MapRenderer.margin, renderer: self) }
        svg += scaleBar()
        svg += northArrow()
        svg += creditText()
        svg += "</svg>\n"
        return svg
    }

    /// Pixel position of a geographic point.
    func pixel(_ p: GeoPoint) -> (x: Double, y: Double) {
        frame.pixel(map.projection.project(p))
    }

    /// The fill of an area: its own colour, else its class colour, else the no-data or neutral fill.
    func fill(for area: MapArea) -> String {
        if let fill = area.fill { return fill }
        guard style.classification != nil else { return style.neutralFill }
        guard let value = area.value, let index = Classification.classIndex(of: value, breaks: areaBreaks) else { return style.noDataFill }
        return style.colour(forClass: index, of: areaBreaks.count - 1)
    }

    /// The stroke of a line: its own colour, else its class colour, else a dark blue.
    func stroke(for line: MapLine) -> String {
        if let stroke = line.stroke { return stroke }
        guard style.classification != nil, let value = line.value,
            let index = Classification.classIndex(of: value, breaks: lineBreaks)
        else { return "#225ea8" }
        return style.colour(forClass: index, of: lineBreaks.count - 1)
    }

    /// Circle radius in pixels: area ∝ value, the largest value at ``maxRadius``; 4 px without a value.
    func radius(for value: Double?) -> Double {
        guard let value, value.isFinite, value > 0, let maxPointValue else { return 4 }
        return max(1.5, MapRenderer.maxRadius * (value / maxPointValue).squareRoot())
    }

    /// Rough rendered width of text in ems: Hangul and other wide characters 1, Latin and digits 0.6.
    static func textWidthEms(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 1.0 : 0.6) }
    }
}
