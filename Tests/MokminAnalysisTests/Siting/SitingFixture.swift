import Foundation
import MokminAnalysis
import MokminGeo

/// Layouts in metres east and north of a point in Seoul, turned into longitude/latitude through UTM-K's inverse, so
/// that the planar distances the siting analyses measure are the metre offsets written in the tests.
enum SitingFixture {
    static let origin = Projection.utmK.project(GeoPoint(lon: 127.0, lat: 37.5))

    static func point(_ east: Double, _ north: Double = 0) -> GeoPoint {
        Projection.utmK.unproject(ProjectedPoint(x: origin.x + east, y: origin.y + north))
    }

    static func place(_ id: String, _ east: Double, _ north: Double = 0, weight: Double, area: String? = nil) -> WeightedPlace {
        WeightedPlace(id: id, location: point(east, north), weight: weight, area: area)
    }

    static func site(_ id: String, _ east: Double, _ north: Double = 0, capacity: Double? = nil, name: String? = nil) -> Facility {
        Facility(id: id, name: name ?? id, location: point(east, north), capacity: capacity)
    }

    /// Five places: a centre and four arms `arm` metres away, each of the given weight.
    static func cluster(_ prefix: String, _ east: Double, _ north: Double = 0, weight: Double, area: String?, arm: Double = 100)
        -> [WeightedPlace]
    {
        [(0.0, 0.0), (arm, 0), (-arm, 0), (0, arm), (0, -arm)].enumerated().map { k, offset in
            place("\(prefix)\(k)", east + offset.0, north + offset.1, weight: weight, area: area)
        }
    }
}
