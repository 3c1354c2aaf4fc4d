/// Draws areas, proportional symbols and lines as a static SVG map (no JavaScript) for inline use in HTML.
///
/// Features are projected with ``projection`` and fitted, aspect ratio kept, into a `viewBox` of
/// `width` × `height`; the root element has `width="100%"` so the map scales down on a phone. The output holds:
/// one `<path class="area">` per ``MapArea`` (with `data-id`, `fill` and a `<title>` for hover text, inside an
/// `<a href>` when the area has a link), `<polyline class="line">` and `<circle class="point">` elements, labels
/// as `<text class="label">` with a white halo, a classed legend, a scale bar of a round length, a north arrow
/// pointing to true north, and the credit line. Coordinates carry at most one decimal and outlines are simplified
/// (Douglas–Peucker, 0.5 px), so a national 시군구 map stays in the low hundreds of kilobytes.
import MokminGeo
public struct SVGMap: Sendable {
    /// Width of the viewBox in SVG user units (pixels at 100%).
    public var width: Double
    /// Height of the viewBox.
    public var height: Double
    /// The projection used to draw.
    public var projection: Projection
    /// The source credit printed at the bottom right, e.g. "행정구역 경계: 통계청 SGIS; vuski/admdongkor".
    public var credit: String

    /// Creates a map canvas.
    public init(width: Double = 800, height: Double = 600, projection: Projection = .utmK, credit: String) {
        self.width = max(width, 100)
        self.height = max(height, 100)
        self.projection = projection
        self.credit = credit
    }

    /// Renders the map to an SVG document string (an `<svg>` element, no XML declaration).
    public func render(areas: [MapArea], points: [MapPoint] = [], lines: [MapLine] = [], style: MapStyle = .init()) -> String {
        MapRenderer(map: self, areas: areas, points: points, lines: lines, style: style).render()
    }
}
