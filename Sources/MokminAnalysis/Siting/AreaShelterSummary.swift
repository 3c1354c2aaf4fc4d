import Foundation

/// One area's (읍면동's) part of a `ShelterReport`.
public struct AreaShelterSummary: Sendable, Hashable, Codable {
    /// The area name; nil for the places given without one.
    public var area: String?
    public var population: Double
    /// People with no shelter within walking distance.
    public var unreached: Double
    /// People whose nearest reachable shelter is overloaded (all of them, not only the excess).
    public var assignedToOverloaded: Double

    public init(area: String?, population: Double, unreached: Double, assignedToOverloaded: Double) {
        self.area = area
        self.population = population
        self.unreached = unreached
        self.assignedToOverloaded = assignedToOverloaded
    }
}
