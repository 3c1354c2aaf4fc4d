import Foundation
import MokminGeo

/// Earthquake outdoor shelters (지진 옥외대피장소): who can reach one within walking distance, and which are
/// overloaded when everyone goes to the nearest reachable shelter.
///
/// Assignment rule: each place goes *wholly* to its nearest shelter within `walkMetres` (ties to the smaller id),
/// whatever that shelter's capacity. This is the catchment rule published 대피소 수용률 analyses usually apply: a
/// shelter's load is the population of the places nearest to it, compared with its capacity. Nobody is redirected to
/// a farther shelter with room, so the overload shown is what happens if residents simply go to the closest one.
/// (`ShelterSiting` optimises the other reading, in which residents are directed to any reachable shelter with room.)
///
/// Distances are planar UTM-K metres (see `SitingInput`); a place exactly `walkMetres` away is within reach.
public enum ShelterAdequacy {
    /// The report for `population` and `shelters`. With no shelters everyone is unreached.
    ///
    /// - Throws: `SitingInputError` for an empty population, a walking distance that is not a finite number above 0,
    ///   a negative or non-finite weight, an invalid location, a shelter without a finite capacity above 0, or an id
    ///   that appears twice among the places or among the shelters.
    public static func evaluate(population: [WeightedPlace], shelters: [Facility], walkMetres: Double) throws -> ShelterReport {
        try SitingInput.checkPlaces(population, as: .population)
        guard walkMetres.isFinite, walkMetres > 0 else { throw SitingInputError.walkDistance(walkMetres) }
        try SitingInput.checkFacilities(shelters, as: .shelter, needCapacity: true)
        try SitingInput.checkUnique(shelters.map(\.id), among: .shelter)
        return report(
            population: population, placePoints: population.map { SitingInput.planar($0.location) },
            shelters: shelters, shelterPoints: shelters.map { SitingInput.planar($0.location) }, walkMetres: walkMetres
        )
    }

    /// The report for checked input whose points are already projected.
    static func report(
        population: [WeightedPlace], placePoints: [PlanarPoint], shelters: [Facility], shelterPoints: [PlanarPoint],
        walkMetres: Double
    ) -> ShelterReport {
        let reach = SitingInput.reach(places: placePoints, sites: shelterPoints, radius: walkMetres)
        var nearest = [Int?](repeating: nil, count: population.count)
        var assigned = [Double](repeating: 0, count: shelters.count)
        for (i, sites) in reach.enumerated() {
            var best: (distance: Double, site: Int)?
            for j in sites.map(Int.init) {
                let dx = placePoints[i].x - shelterPoints[j].x, dy = placePoints[i].y - shelterPoints[j].y
                let distance = (dx * dx + dy * dy).squareRoot()
                if let current = best,
                    distance > current.distance || (distance == current.distance && shelters[j].id >= shelters[current.site].id)
                {
                    continue
                }
                best = (distance, j)
            }
            nearest[i] = best?.site
            if let j = best?.site { assigned[j] += population[i].weight }
        }
        let loads = shelters.indices.map { j in
            ShelterLoad(id: shelters[j].id, name: shelters[j].name, capacity: shelters[j].capacity ?? 0, assigned: assigned[j])
        }
        let areas = SitingInput.areaGroups(population).map { group in
            var summary = AreaShelterSummary(area: group.area, population: 0, unreached: 0, assignedToOverloaded: 0)
            for i in group.members {
                let weight = population[i].weight
                summary.population += weight
                if let j = nearest[i] {
                    if loads[j].overload > 0 { summary.assignedToOverloaded += weight }
                } else {
                    summary.unreached += weight
                }
            }
            return summary
        }
        let unreached = population.indices.filter { nearest[$0] == nil }
        return ShelterReport(
            totalPopulation: population.reduce(0) { $0 + $1.weight },
            unreachedPopulation: unreached.reduce(0) { $0 + population[$1].weight },
            unreachedPlaces: unreached.map { population[$0].id },
            overloadedPopulation: loads.reduce(0) { $0 + $1.overload },
            shelters: loads,
            areas: areas
        )
    }
}
