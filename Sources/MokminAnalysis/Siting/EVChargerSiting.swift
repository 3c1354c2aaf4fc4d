import Foundation
import MokminGeo

/// EV chargers: maximal coverage of demand within a radius by p new sites, keeping the existing chargers, which
/// already cover what they reach.
///
/// This is the location engine's maximal covering (`ProblemKind.mclp`) with the existing chargers as existing
/// facilities. A place counts as covered, wholly, when any open charger is within `radiusMetres`; charger capacity
/// is not modelled (`Facility.capacity` is ignored). Distances are planar UTM-K metres (see `SitingInput`).
public enum EVChargerSiting {
    /// Solves within `timeLimit` seconds, returning the best set found with its bound.
    ///
    /// - Throws: `SitingInputError` for empty demand, a radius that is not a finite number above 0, p below 1 or
    ///   above the number of candidates, a negative weight, an invalid location, a duplicate id (places; existing
    ///   chargers and candidates share one namespace) or a negative time limit.
    public static func solve(
        demand: [WeightedPlace], existing: [Facility], candidates: [Facility], radiusMetres: Double, p: Int, timeLimit: Double
    ) throws -> EVSitingResult {
        let clock = Deadline(seconds: .infinity)
        let setup = try SitingInput.setup(
            places: demand, existing: existing, candidates: candidates,
            roles: .init(places: .demand, existing: .charger, candidates: .candidateCharger, all: .allChargers), needCapacity: false,
            radius: radiusMetres, radiusError: SitingInputError.radius, count: ("p", p, "충전소", "charger sites"), timeLimit: timeLimit)
        let (sites, placePoints, sitePoints) = (setup.sites, setup.placePoints, setup.sitePoints)
        let solution = try LocationEngine.solve(setup.problem, kind: .mclp, timeLimit: timeLimit)

        let chosenIDs = Set(solution.facilities)
        let isOpen = sites.indices.map { $0 < existing.count || chosenIDs.contains(sites[$0].id) }
        let reach = SitingInput.reach(places: placePoints, sites: sitePoints, radius: radiusMetres)
        let before = reach.map { row in row.contains { Int($0) < existing.count } }
        let after = reach.map { row in row.contains { isOpen[Int($0)] } }
        let areas = SitingInput.areaGroups(demand).map { group in
            var row = AreaCoverage(area: group.area, demand: 0, coveredBefore: 0, coveredAfter: 0)
            for i in group.members {
                row.demand += demand[i].weight
                if before[i] { row.coveredBefore += demand[i].weight }
                if after[i] { row.coveredAfter += demand[i].weight }
            }
            return row
        }
        // Totals from the same per-place sums as the rows; they equal the engine's objective up to rounding.
        let coveredAfter = areas.reduce(0) { $0 + $1.coveredAfter }
        return EVSitingResult(
            chosen: candidates.filter { chosenIDs.contains($0.id) },
            coveredBefore: areas.reduce(0) { $0 + $1.coveredBefore },
            coveredAfter: coveredAfter,
            totalDemand: areas.reduce(0) { $0 + $1.demand },
            bound: solution.provenOptimal ? coveredAfter : max(solution.bound, coveredAfter),
            gap: solution.gap, provenOptimal: solution.provenOptimal, seconds: clock.elapsed,
            areas: areas,
            coveredPlacesAfter: demand.indices.filter { after[$0] }.map { demand[$0].id }
        )
    }
}
