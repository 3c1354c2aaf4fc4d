import Foundation
import MokminGeo

extension MapRenderer {
    /// The geographic point at the centre of the map area.
    private var centre: GeoPoint {
        let v = frame.viewport
        return map.projection.unproject(frame.projected(x: v.x + v.width / 2, y: v.y + v.height / 2))
    }

    /// Ground metres per pixel at the map centre, correcting for the projection's scale factor there.
    var groundMetresPerPixel: Double {
        1 / (frame.scale * map.projection.scaleFactor(at: centre))
    }

    /// A bar of a round ground length (1, 2 or 5 × 10ⁿ metres) at most 160 px or a third of the map wide,
    /// in black and white halves, labelled in m or km. Its group carries `data-metres`.
    func scaleBar() -> String {
        let maxPixels = min(160, frame.viewport.width / 3)
        let metres = LegendLayout.roundDown(maxPixels * groundMetresPerPixel)
        guard metres > 0 else { return "" }
        let length = metres / groundMetresPerPixel
        let x = MapRenderer.margin, y = map.height - MapRenderer.footerHeight + 14
        let half = length / 2
        let label = metres >= 1000 ? "\(SVGText.legendNumber(metres / 1000)) km" : "\(SVGText.legendNumber(metres)) m"
        let metresText = metres >= 1 && metres < 1e15 ? String(Int64(metres.rounded())) : String(metres)
        var out = "<g class=\"scale-bar\" data-metres=\"\(SVGText.escape(metresText))\""
        out += " font-size=\"10\" fill=\"#333333\">\n"
        out += "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(half))\" height=\"5\" fill=\"#333333\"/>\n"
        out += "<rect x=\"\(SVGText.number(x + half))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(length - half))\" height=\"5\""
        out += " fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.8\"/>\n"
        out += "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y - 3))\">0</text>\n"
        out += "<text x=\"\(SVGText.number(x + length))\" y=\"\(SVGText.number(y - 3))\" text-anchor=\"end\">\(SVGText.escape(label))</text>\n"
        return out + "</g>\n"
    }

    /// An arrow to true north at the map centre (grid north differs by the meridian convergence), bottom right.
    func northArrow() -> String {
        let c = centre
        let from = pixel(c), to = pixel(GeoPoint(lon: c.lon, lat: c.lat + 0.01))
        let degrees = atan2(to.x - from.x, from.y - to.y) * 180 / .pi
        let x = map.width - MapRenderer.margin - 10, y = map.height - MapRenderer.footerHeight + 12
        let (sx, sy) = (SVGText.number(x), SVGText.number(y))
        var out = "<g class=\"north-arrow\" transform=\"rotate(\(SVGText.number(degrees)) \(sx) \(sy))\">\n"
        out += "<path d=\"M\(sx) \(SVGText.number(y - 10)) \(SVGText.number(x + 5)) \(SVGText.number(y + 6)) \(sx) \(SVGText.number(y + 2))"
        out += " \(SVGText.number(x - 5)) \(SVGText.number(y + 6))Z\" fill=\"#333333\"/>\n"
        out += "<text x=\"\(sx)\" y=\"\(SVGText.number(y - 12))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\">N</text>\n"
        return out + "</g>\n"
    }

    /// The credit line at the bottom right, shrunk to fit the width.
    func creditText() -> String {
        guard !map.credit.isEmpty else { return "" }
        let available = map.width - 2 * MapRenderer.margin
        let size = min(10, available / max(1, MapRenderer.textWidthEms(map.credit)))
        return "<text class=\"credit\" x=\"\(SVGText.number(map.width - MapRenderer.margin))\" y=\"\(SVGText.number(map.height - 6))\""
            + " font-size=\"\(SVGText.number(size))\" text-anchor=\"end\" fill=\"#555555\">\(SVGText.escape(map.credit))</text>\n"
    }
}
