import Foundation
import MokminGeo

/// A place with people (a 읍면동 centroid, a grid cell, a census block); `weight` is its people (or demand).
///
/// The siting analyses treat a place as a point: all of its weight is at `location`.
public struct WeightedPlace: Sendable, Hashable, Codable {
    /// Unique among the places of one analysis.
    public var id: String
    public var location: GeoPoint
    /// People, households or charging demand: finite and at least 0.
    public var weight: Double
    /// The 읍면동 (or any area) the place belongs to, for the per-area tables; nil rows are reported together.
    public var area: String?

    public init(id: String, location: GeoPoint, weight: Double, area: String? = nil) {
        self.id = id
        self.location = location
        self.weight = weight
        self.area = area
    }
}
