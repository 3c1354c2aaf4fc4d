import Foundation
import MokminGeo

/// Chooses k new earthquake shelters among candidates to minimise the unserved population (unreached plus beyond
/// capacity), keeping the existing shelters.
///
/// This is the location engine's capacitated coverage (`ProblemKind.capacitated`) with the existing shelters as
/// existing facilities and the walking distance as radius. Its objective is the population *served* when residents
/// are directed to any shelter within reach that has room: a maximum flow in which a place may be split between
/// shelters. Minimising the unserved population is maximising that, since unserved = total − served.
/// The `before` and `after` reports apply `ShelterAdequacy`'s nearest-shelter rule instead, so they can still show
/// overload that directed assignment would avoid; `after.servedPopulation` ≤ `servedAfter` always.
public enum ShelterSiting {
    /// Solves within `timeLimit` seconds, returning the best set found with its bound.
    ///
    /// - Throws: `SitingInputError` for an empty population, a walking distance that is not a finite number above 0,
    ///   k below 1 or above the number of candidates, an existing or candidate shelter without a finite capacity
    ///   above 0, a negative weight, an invalid location, a duplicate id (places; existing and candidate shelters share
    ///   one namespace) or a negative time limit.
    public static func solve(
        population: [WeightedPlace], existing: [Facility], candidates: [Facility], k: Int, walkMetres: Double, timeLimit: Double
    ) throws -> ShelterSitingResult {
        let clock = Deadline(seconds: .infinity)
        let setup = try SitingInput.setup(
            places: population, existing: existing, candidates: candidates,
            roles: .init(places: .population, existing: .shelter, candidates: .candidateShelter, all: .allShelters), needCapacity: true,
            radius: walkMetres, radiusError: SitingInputError.walkDistance, count: ("k", k, "대피소", "shelters"), timeLimit: timeLimit)
        let (sites, placePoints, sitePoints) = (setup.sites, setup.placePoints, setup.sitePoints)
        var problem = setup.problem
        let solution = try LocationEngine.solve(problem, kind: .capacitated, timeLimit: timeLimit)
        // With nothing to choose the engine's answer is the maximum flow of the existing shelters, exact at any limit.
        problem.p = 0
        let baseline = try LocationEngine.solve(problem, kind: .capacitated, timeLimit: 0)

        let chosenIDs = Set(solution.facilities)
        let open = sites.indices.filter { $0 < existing.count || chosenIDs.contains(sites[$0].id) }
        let chosen = open.dropFirst(existing.count).map { sites[$0] }
        let before = ShelterAdequacy.report(
            population: population, placePoints: placePoints, shelters: existing,
            shelterPoints: Array(sitePoints.prefix(existing.count)), walkMetres: walkMetres
        )
        let after = ShelterAdequacy.report(
            population: population, placePoints: placePoints, shelters: open.map { sites[$0] },
            shelterPoints: open.map { sitePoints[$0] }, walkMetres: walkMetres
        )
        return ShelterSitingResult(
            chosen: chosen, before: before, after: after, servedBefore: baseline.objective, servedAfter: solution.objective,
            bound: solution.bound, gap: solution.gap, provenOptimal: solution.provenOptimal, seconds: clock.elapsed
        )
    }
}
