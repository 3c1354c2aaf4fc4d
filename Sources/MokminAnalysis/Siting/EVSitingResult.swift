import Foundation

/// New EV charger sites chosen by `EVChargerSiting`, with coverage before and after and the proof of quality.
public struct EVSitingResult: Sendable, Codable {
    /// The new sites, in the order the candidates were given.
    public var chosen: [Facility]
    /// Demand within the radius of an existing charger.
    public var coveredBefore: Double
    /// Demand within the radius of an existing or a chosen charger: the objective the engine maximised.
    public var coveredAfter: Double
    public var totalDemand: Double
    /// An upper bound on the coverage of any p new sites; equal to `coveredAfter` when proven optimal.
    public var bound: Double
    /// |coveredAfter − bound| / max(coveredAfter, 1); 0 exactly when `provenOptimal`.
    public var gap: Double
    public var provenOptimal: Bool
    /// Wall-clock seconds for the whole analysis.
    public var seconds: Double
    /// One row per area, in 가나다 order, places without an area last; the rows sum to the totals above.
    public var areas: [AreaCoverage]
    /// Ids of the demand places covered after, whatever their weight, in input order.
    public var coveredPlacesAfter: [String]

    public init(
        chosen: [Facility], coveredBefore: Double, coveredAfter: Double, totalDemand: Double, bound: Double, gap: Double,
        provenOptimal: Bool, seconds: Double, areas: [AreaCoverage], coveredPlacesAfter: [String]
    ) {
        self.chosen = chosen
        self.coveredBefore = coveredBefore
        self.coveredAfter = coveredAfter
        self.totalDemand = totalDemand
        self.bound = bound
        self.gap = gap
        self.provenOptimal = provenOptimal
        self.seconds = seconds
        self.areas = areas
        self.coveredPlacesAfter = coveredPlacesAfter
    }
}
