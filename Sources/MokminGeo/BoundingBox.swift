import Foundation

/// An axis-aligned box in longitude/latitude degrees. Boundaries are closed: points on the edge are contained.
///
/// Boxes never wrap around the antimeridian; Korea is far from it.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var minLon: Double
    public var minLat: Double
    public var maxLon: Double
    public var maxLat: Double

    /// Creates a box from its corners. No reordering is done.
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// The smallest box holding every point. An empty sequence gives ``empty``.
    public init<S: Sequence>(points: S) where S.Element == GeoPoint {
        var box = BoundingBox.empty
        for p in points {
            box.minLon = Swift.min(box.minLon, p.lon)
            box.minLat = Swift.min(box.minLat, p.lat)
            box.maxLon = Swift.max(box.maxLon, p.lon)
            box.maxLat = Swift.max(box.maxLat, p.lat)
        }
        self = box
    }

    /// The box that contains nothing; the identity for ``union(_:)``.
    public static let empty = BoundingBox(minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)

    /// True for ``empty`` and any box whose minimum exceeds its maximum.
    public var isEmpty: Bool { minLon > maxLon || minLat > maxLat }

    /// The centre of the box (in degrees, not an area centroid).
    public var center: GeoPoint { GeoPoint(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2) }

    /// Width in degrees of longitude.
    public var width: Double { isEmpty ? 0 : maxLon - minLon }

    /// Height in degrees of latitude.
    public var height: Double { isEmpty ? 0 : maxLat - minLat }

    /// Whether `p` lies inside or on the boundary.
    @inlinable
    public func contains(_ p: GeoPoint) -> Bool {
        p.lon >= minLon && p.lon <= maxLon && p.lat >= minLat && p.lat <= maxLat
    }

    /// The smallest box holding both.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minLon: Swift.min(minLon, other.minLon), minLat: Swift.min(minLat, other.minLat),
            maxLon: Swift.max(maxLon, other.maxLon), maxLat: Swift.max(maxLat, other.maxLat))
    }

    /// Whether the two boxes share at least one point (touching counts).
    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        minLon <= other.maxLon && other.minLon <= maxLon && minLat <= other.maxLat && other.minLat <= maxLat
    }

    /// The box grown by `degrees` on every side (shrunk when negative). An empty box stays empty.
    public func expanded(byDegrees degrees: Double) -> BoundingBox {
        if isEmpty { return self }
        return BoundingBox(minLon: minLon - degrees, minLat: minLat - degrees, maxLon: maxLon + degrees, maxLat: maxLat + degrees)
    }
}
