import Foundation

/// One or more polygons forming one area, such as an administrative district with its islands.
///
/// `boundingBox` and a search structure for ``contains(_:)`` are rebuilt whenever `polygons` changes;
/// equality and hashing look at `polygons` only.
public struct MultiPolygon: Hashable, Sendable {
    /// The parts. They should not overlap; ``union(_:)`` does not merge them.
    public var polygons: [Polygon] {
        didSet { recomputeBoxes() }
    }

    /// The box around every outer ring.
    public private(set) var boundingBox: BoundingBox

    /// One box per polygon, to skip distant parts quickly.
    private(set) var polygonBoxes: [BoundingBox]

    /// Latitude bands of the edges of each ring of each polygon; nil for short rings, which are scanned.
    private var ringBands: [[RingBands?]]

    /// Creates a multipolygon from its parts.
    public init(polygons: [Polygon]) {
        self.polygons = polygons
        polygonBoxes = polygons.map(\.boundingBox)
        boundingBox = polygonBoxes.reduce(BoundingBox.empty) { $0.union($1) }
        ringBands = MultiPolygon.bands(polygons)
    }

    public static func == (lhs: MultiPolygon, rhs: MultiPolygon) -> Bool {
        lhs.polygons == rhs.polygons
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(polygons)
    }

    private static func bands(_ polygons: [Polygon]) -> [[RingBands?]] {
        polygons.map { polygon in
            polygon.rings.map { $0.count >= RingBands.minimumVertexCount ? RingBands(ring: $0) : nil }
        }
    }

    /// Creates a multipolygon of a single polygon.
    public init(_ polygon: Polygon) {
        self.init(polygons: [polygon])
    }

    private mutating func recomputeBoxes() {
        polygonBoxes = polygons.map(\.boundingBox)
        boundingBox = polygonBoxes.reduce(BoundingBox.empty) { $0.union($1) }
        ringBands = MultiPolygon.bands(polygons)
    }

    /// Whether `p` is inside the area.
    ///
    /// **Border rule.** Coordinates are read as a plane (x = longitude, y = latitude) and the crossing-number
    /// (even–odd) rule is applied over every ring, so a point in a hole is outside. A point exactly on the
    /// boundary is decided as if it were nudged by an infinitesimal amount east and, by a far smaller amount,
    /// north: `p + (ε, ε²)`. So a point on an edge belongs to the polygon whose interior lies immediately to
    /// its east (for a horizontal edge: immediately to its north), and a vertex belongs to the polygon that
    /// holds the points just north-east of it. For a square this means the west and south edges are inside and
    /// the east and north edges outside, like the half-open interval `[minLon, maxLon) × [minLat, maxLat)`.
    ///
    /// Consequently, when districts tile a region and neighbours share edges with identical vertices, every
    /// point of the region belongs to exactly one district; the same holds between a hole and an island filling
    /// it. On a slanted shared edge the side is decided by one floating-point orientation test that is computed
    /// the same way for both polygons, so the "exactly one" guarantee survives rounding.
    public func contains(_ p: GeoPoint) -> Bool {
        guard boundingBox.contains(p) else { return false }
        for (i, polygon) in polygons.enumerated() where polygonBoxes[i].contains(p) {
            var inside = false
            for (j, ring) in polygon.rings.enumerated() {
                let odd = ringBands[i][j]?.crossesOdd(p) ?? Polygon.ringCrossesOdd(ring, p)
                if odd { inside.toggle() }
            }
            if inside { return true }
        }
        return false
    }

    /// All parts of all inputs in one multipolygon, without merging shared edges or dissolving boundaries.
    ///
    /// This is enough to draw, measure and test containment of a 시도 as the union of its 시군구 when the parts
    /// tile without overlap: the area is the sum of the parts and, thanks to the border rule of
    /// ``contains(_:)``, a point on an inner shared edge still counts once. Drawn with a stroke, inner edges stay
    /// visible.
    public static func union(_ parts: [MultiPolygon]) -> MultiPolygon {
        MultiPolygon(polygons: parts.flatMap(\.polygons))
    }

    /// Every vertex of every ring.
    public var allPoints: [GeoPoint] {
        polygons.flatMap { $0.rings.flatMap { $0 } }
    }
}
