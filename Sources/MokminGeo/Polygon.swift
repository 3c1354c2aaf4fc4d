import Foundation

/// A polygon: `rings[0]` is the outer boundary, any further rings are holes.
///
/// Rings may be given closed (last position equal to the first, as GeoJSON requires) or open; ``init(rings:)``
/// drops the closing duplicate so that both spellings compare equal. Ring orientation does not matter.
/// Edges are straight lines in longitude/latitude (as drawn on an equirectangular map) for containment and
/// distance. A geodesic between the same vertices bows away from that line by about L²·tan φ / 8R, 1.5 cm for a
/// 1 km edge at 37°N, so for boundary data with short edges the difference is below the data's own precision.
public struct Polygon: Hashable, Sendable {
    /// Outer ring first, then holes.
    public var rings: [[GeoPoint]]

    /// Creates a polygon; a ring's closing position (equal to its first) is removed.
    public init(rings: [[GeoPoint]]) {
        self.rings = rings.map(Polygon.openRing)
    }

    /// Creates a polygon without holes.
    public init(outer: [GeoPoint]) {
        self.init(rings: [outer])
    }

    /// The outer ring, or an empty array for a polygon without rings.
    public var outerRing: [GeoPoint] { rings.first ?? [] }

    /// The box around the outer ring.
    public var boundingBox: BoundingBox { BoundingBox(points: outerRing) }

    /// Whether `p` is inside, by the half-open crossing-number rule described at ``MultiPolygon/contains(_:)``.
    /// A point in a hole is outside.
    public func contains(_ p: GeoPoint) -> Bool {
        var inside = false
        for ring in rings where Polygon.ringCrossesOdd(ring, p) {
            inside.toggle()
        }
        return inside
    }

    /// Whether a ray from `p` towards +longitude crosses `ring` an odd number of times.
    ///
    /// An edge counts when its endpoints lie on different sides of the half-open test `lat > p.lat`
    /// and `p` is strictly to the left of the edge taken upwards (from its lower to its upper end).
    /// The orientation is computed from the edge's lower endpoint whichever way the ring runs, so two
    /// polygons sharing an edge with identical vertices get bit-identical answers for it.
    static func ringCrossesOdd(_ ring: [GeoPoint], _ p: GeoPoint) -> Bool {
        let n = ring.count
        guard n >= 3 else { return false }
        var odd = false
        var a = ring[n - 1]
        for i in 0..<n {
            let b = ring[i]
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let (lo, hi) = a.lat < b.lat ? (a, b) : (b, a)
                let cross = (hi.lon - lo.lon) * (p.lat - lo.lat) - (p.lon - lo.lon) * (hi.lat - lo.lat)
                if cross > 0 { odd.toggle() }
            }
            a = b
        }
        return odd
    }

    /// Drops a trailing position equal to the first one.
    static func openRing(_ ring: [GeoPoint]) -> [GeoPoint] {
        guard ring.count > 1, let first = ring.first, ring.last == first else { return ring }
        return Array(ring.dropLast())
    }
}
