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
        try SitingInput.checkPlaces(population, as: .population)
        guard walkMetres.isFinite, walkMetres > 0 else { throw SitingInputError.walkDistance(walkMetres) }
        try SitingInput.checkFacilities(existing, as: .shelter, needCapacity: true)
        try SitingInput.checkFacilities(candidates, as: .candidateShelter, needCapacity: true)
        try SitingInput.checkUnique((existing + candidates).map(\.id), among: .allShelters)
        try SitingInput.checkCount("k", k, available: candidates.count, ko: "대피소", en: "shelters")
        try SitingInput.checkTimeLimit(timeLimit)

        let sites = existing + candidates
        let placePoints = population.map { SitingInput.planar($0.location) }
        let sitePoints = sites.map { SitingInput.planar($0.location) }
        var problem = LocationProblem(
            demand: population.map { DemandPoint(id: $0.id, weight: $0.weight) },
            candidates: sites.map { CandidateSite(id: $0.id, capacity: $0.capacity) },
            existing: existing.map(\.id), p: k, radius: walkMetres,
            distances: .coordinates(demand: placePoints, candidates: sitePoints, metric: .euclidean)
        )
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
