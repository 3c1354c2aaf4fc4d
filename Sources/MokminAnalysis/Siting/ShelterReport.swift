import Foundation

/// Who can reach an earthquake outdoor shelter on foot, and which shelters are overloaded (see `ShelterAdequacy`).
public struct ShelterReport: Sendable, Hashable, Codable {
    public var totalPopulation: Double
    /// People with no shelter within the walking distance.
    public var unreachedPopulation: Double
    /// Ids of the places with no shelter within the walking distance, whatever their weight, in input order.
    public var unreachedPlaces: [String]
    /// People assigned beyond capacity, summed over shelters.
    public var overloadedPopulation: Double
    /// One row per shelter, in input order.
    public var shelters: [ShelterLoad]
    /// One row per area, in 가나다 order, places without an area last.
    public var areas: [AreaShelterSummary]

    public init(
        totalPopulation: Double, unreachedPopulation: Double, unreachedPlaces: [String], overloadedPopulation: Double,
        shelters: [ShelterLoad], areas: [AreaShelterSummary]
    ) {
        self.totalPopulation = totalPopulation
        self.unreachedPopulation = unreachedPopulation
        self.unreachedPlaces = unreachedPlaces
        self.overloadedPopulation = overloadedPopulation
        self.shelters = shelters
        self.areas = areas
    }

    /// People who reach a shelter and fit in it: total − unreached − overloaded.
    public var servedPopulation: Double { totalPopulation - unreachedPopulation - overloadedPopulation }
}
