import MokminGeo
extension MapRenderer {
    /// Outlines more than this many pixels off the simplified line are kept.
    static let simplifyTolerance = 0.5

    /// One `<path class="area">` per area, linked when it has an `href`.
    func areaLayer() -> String {
        var out = "<g class=\"areas\" stroke=\"#ffffff\" stroke-width=\"0.8\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n"
        for area in areas {
            var path = "<path class=\"area\" data-id=\"\(SVGText.escape(area.id))\" fill=\"\(SVGText.escape(fill(for: area)))\""
            if let value = area.value, value.isFinite { path += " data-value=\"\(SVGText.escape(String(value)))\"" }
            path += " d=\"\(pathData(area.geometry))\"><title>\(SVGText.escape(area.title))</title></path>"
            if let href = area.href.flatMap(SVGText.href) {
                path = "<a href=\"\(href)\">\(path)</a>"
            }
            out += path + "\n"
        }
        return out + "</g>\n"
    }

    /// `<polyline class="line">` per line, coloured by class.
    func lineLayer() -> String {
        guard !lines.isEmpty else { return "" }
        var out = "<g class=\"lines\" fill=\"none\" stroke-width=\"2.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n"
        for line in lines {
            let pixels = PathSimplifier.simplify(line.path.map(pixel), tolerance: MapRenderer.simplifyTolerance)
            let coordinates = MapRenderer.rounded(pixels).map { "\($0.0),\($0.1)" }.joined(separator: " ")
            out += "<polyline class=\"line\" data-id=\"\(SVGText.escape(line.id))\" stroke=\"\(SVGText.escape(stroke(for: line)))\""
            out += " points=\"\(coordinates)\"><title>\(SVGText.escape(line.title))</title></polyline>\n"
        }
        return out + "</g>\n"
    }

    /// `<circle class="point">` per point, largest first so that small circles stay on top.
    func pointLayer() -> String {
        guard !points.isEmpty else { return "" }
        var out = "<g class=\"points\" stroke=\"#ffffff\" stroke-width=\"1\" fill-opacity=\"0.8\">\n"
        for point in points.sorted(by: { radius(for: $0.value) > radius(for: $1.value) }) {
            let (x, y) = pixel(point.location)
            out += "<circle class=\"point\" data-id=\"\(SVGText.escape(point.id))\" cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\""
            out += " r=\"\(SVGText.number(radius(for: point.value)))\" fill=\"\(SVGText.escape(point.fill ?? "#d7301f"))\">"
            out += "<title>\(SVGText.escape(point.title))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// Area labels at their label points and point labels beside their circles, with a white halo.
    func labelLayer() -> String {
        var texts: [String] = []
        for area in areas {
            guard let label = area.label, !label.isEmpty else { continue }
            let sidePx = (area.geometry.areaSquareMetres).squareRoot() * frame.scale
            let ems = max(1, MapRenderer.textWidthEms(label))
            let size = min(13, max(8, min(sidePx / 4, 1.6 * sidePx / ems)))
            let (x, y) = pixel(area.geometry.labelPoint)
            texts.append(labelText(label, x: x, y: y, size: size, anchor: .middle))
        }
        for point in points {
            guard let label = point.label, !label.isEmpty else { continue }
            let (x, y) = pixel(point.location)
            texts.append(labelText(label, x: x + radius(for: point.value) + 3, y: y, size: 11, anchor: .start))
        }
        guard !texts.isEmpty else { return "" }
        var out = "<g class=\"labels\" fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""
        out += " paint-order=\"stroke\" pointer-events=\"none\">\n"
        return out + texts.joined() + "</g>\n"
    }

    enum Anchor: String {
        case start, middle
    }

    /// A `<text class="label">` moved inside the viewBox (above the footer) if it would stick out.
    private func labelText(_ label: String, x: Double, y: Double, size: Double, anchor: Anchor) -> String {
        let width = MapRenderer.textWidthEms(label) * size
        let m = MapRenderer.margin
        let left = anchor == .middle ? x - width / 2 : x
        let shiftedLeft = min(max(left, m), map.width - m - width)
        let clampedX = max(m, shiftedLeft) + (anchor == .middle ? width / 2 : 0)
        let clampedY = min(max(y, m + size / 2), map.height - MapRenderer.footerHeight - size / 2)
        return "<text class=\"label\" x=\"\(SVGText.number(clampedX))\" y=\"\(SVGText.number(clampedY))\" dy=\"0.35em\""
            + " font-size=\"\(SVGText.number(size))\" text-anchor=\"\(anchor.rawValue)\">\(SVGText.escape(label))</text>\n"
    }

    /// SVG path data for a multipolygon: each ring simplified in pixels, rounded to 0.1 px, closed with Z.
    func pathData(_ geometry: MultiPolygon) -> String {
        var d = ""
        for polygon in geometry.polygons {
            for ring in polygon.rings {
                let pixels = PathSimplifier.simplifyRing(ring.map(pixel), tolerance: MapRenderer.simplifyTolerance)
                let points = MapRenderer.rounded(pixels)
                if points.count >= 3 { d += MapRenderer.ringPath(points) }
            }
        }
        if d.isEmpty, let part = geometry.largestPart {
            // Smaller than a pixel: keep the unsimplified outline so that the area still shows and can be hovered.
            d = MapRenderer.ringPath(MapRenderer.rounded(part.outerRing.map(pixel)))
        }
        return d
    }

    /// "M x y x y …Z" (implicit line-to after the first pair).
    static func ringPath(_ points: [(String, String)]) -> String {
        guard let first = points.first else { return "" }
        return "M\(first.0) \(first.1)" + points.dropFirst().map { " \($0.0) \($0.1)" }.joined() + "Z"
    }

    /// Pixel positions as one-decimal strings, with consecutive duplicates (after rounding) removed.
    static func rounded(_ pixels: [(x: Double, y: Double)]) -> [(String, String)] {
        var out: [(String, String)] = []
        for p in pixels {
            let q = (SVGText.number(p.x), SVGText.number(p.y))
            if let last = out.last, last == q { continue }
            out.append(q)
        }
        if out.count > 1, let first = out.first, let last = out.last, first == last { out.removeLast() }
        return out
    }
}
