import Foundation
import MokminGeo

/// Checks, projection and reach shared by the siting analyses.
///
/// Distances are planar: every location is projected to UTM-K (EPSG:5179, `Projection.utmK`) and distances are
/// Euclidean in projected metres. UTM-K's scale factor is 0.9996 on its central meridian (127.5°E), 1.0004 at
/// Baengnyeongdo and 1.0007 at Ulleungdo, so a projected distance is within 0.1 % of the geodesic one everywhere
/// from Baengnyeongdo to Ulleungdo and Jeju (Dokdo, at 1.0015, is the one exception): under half a metre on a
/// 500 m walk. Across a county the factor varies by under 0.04 %, so the nearest shelter differs from the geodesically
/// nearest one only in near ties.
/// A distance equal to the walk distance or radius counts as within reach, as in the location engine.
enum SitingInput {
    typealias Role = SitingInputError.Role

    /// Non-empty, unique ids, valid locations, finite weights of at least 0.
    static func checkPlaces(_ places: [WeightedPlace], as role: Role) throws {
        guard !places.isEmpty else { throw SitingInputError.emptyList(role) }
        for place in places {
            guard place.location.isValid else { throw SitingInputError.invalidLocation(place.id, role, place.location) }
            guard place.weight.isFinite else { throw SitingInputError.invalidWeight(place, role) }
            guard place.weight >= 0 else { throw SitingInputError.negativeWeight(place, role) }
        }
        try checkUnique(places.map(\.id), among: role)
    }

    /// Valid locations and, when `needCapacity`, a finite capacity above 0. Ids are checked by the caller, which
    /// knows which lists share one namespace.
    static func checkFacilities(_ facilities: [Facility], as role: Role, needCapacity: Bool) throws {
        for facility in facilities {
            guard facility.location.isValid else { throw SitingInputError.invalidLocation(facility.id, role, facility.location) }
            guard needCapacity else { continue }
            guard let capacity = facility.capacity else { throw SitingInputError.missingCapacity(facility, role) }
            guard capacity.isFinite, capacity > 0 else { throw SitingInputError.invalidCapacity(facility, role, capacity) }
        }
    }

    static func checkUnique(_ ids: [String], among role: Role) throws {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted { throw SitingInputError.duplicateID(id, role) }
    }

    /// The number of new sites: at least 1 and no more than the candidates.
    static func checkCount(_ letter: String, _ value: Int, available: Int, ko: String, en: String) throws {
        guard value >= 1 else { throw SitingInputError.countTooSmall(letter, value, ko: ko, en: en) }
        guard value <= available else { throw SitingInputError.countTooLarge(letter, value, available: available, ko: ko, en: en) }
    }

    static func checkTimeLimit(_ seconds: Double) throws {
        guard seconds.isFinite, seconds >= 0 else { throw SitingInputError.timeLimit(seconds) }
    }

    /// UTM-K easting and northing in metres.
    static func planar(_ point: GeoPoint) -> PlanarPoint {
        let q = Projection.utmK.project(point)
        return PlanarPoint(x: q.x, y: q.y)
    }

    /// For each place, the sites within `radius` projected metres (distance ≤ radius), in increasing site order.
    /// Uses the engine's grid, so it never compares every place with every site.
    static func reach(places: [PlanarPoint], sites: [PlanarPoint], radius: Double) -> [[Int32]] {
        CoverageLists.build(demand: places, candidates: sites, metric: .euclidean, radius: radius).rows()
    }

    /// Place indices grouped by area, areas in Unicode (가나다) order, places without an area last.
    static func areaGroups(_ places: [WeightedPlace]) -> [(area: String?, members: [Int])] {
        var byArea: [String: [Int]] = [:]
        var unnamed: [Int] = []
        for (i, place) in places.enumerated() {
            if let area = place.area { byArea[area, default: []].append(i) } else { unnamed.append(i) }
        }
        var groups: [(area: String?, members: [Int])] = byArea.keys.sorted().map { ($0, byArea[$0]!) }
        if !unnamed.isEmpty { groups.append((nil, unnamed)) }
        return groups
    }
}
