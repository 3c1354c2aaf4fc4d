import Foundation

/// One area's (읍면동's) part of an `EVSitingResult`.
public struct AreaCoverage: Sendable, Hashable, Codable {
    /// The area name; nil for the places given without one.
    public var area: String?
    public var demand: Double
    /// Demand within the radius of an existing charger.
    public var coveredBefore: Double
    /// Demand within the radius of an existing or a chosen charger.
    public var coveredAfter: Double

    public init(area: String?, demand: Double, coveredBefore: Double, coveredAfter: Double) {
        self.area = area
        self.demand = demand
        self.coveredBefore = coveredBefore
        self.coveredAfter = coveredAfter
    }
}
