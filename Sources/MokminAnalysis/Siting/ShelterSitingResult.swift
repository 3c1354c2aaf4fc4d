import Foundation

/// New shelters chosen by `ShelterSiting`, with the situation before and after and the proof of quality.
public struct ShelterSitingResult: Sendable, Codable {
    /// The new shelters, in the order the candidates were given.
    public var chosen: [Facility]
    /// The existing shelters alone, under the nearest-shelter rule of `ShelterAdequacy`.
    public var before: ShelterReport
    /// The existing shelters plus `chosen`, under the nearest-shelter rule.
    public var after: ShelterReport
    /// People the existing shelters can serve when residents are directed to any shelter within reach that has room
    /// (a maximum flow; a place may be split between shelters). At least `before.servedPopulation`.
    public var servedBefore: Double
    /// The same with `chosen` open: the objective the engine maximised.
    public var servedAfter: Double
    /// An upper bound on the served population of any k new shelters; equal to `servedAfter` when proven optimal.
    public var bound: Double
    /// |servedAfter − bound| / max(servedAfter, 1); 0 exactly when `provenOptimal`.
    public var gap: Double
    public var provenOptimal: Bool
    /// Wall-clock seconds for the whole analysis.
    public var seconds: Double

    public init(
        chosen: [Facility], before: ShelterReport, after: ShelterReport, servedBefore: Double, servedAfter: Double,
        bound: Double, gap: Double, provenOptimal: Bool, seconds: Double
    ) {
        self.chosen = chosen
        self.before = before
        self.after = after
        self.servedBefore = servedBefore
        self.servedAfter = servedAfter
        self.bound = bound
        self.gap = gap
        self.provenOptimal = provenOptimal
        self.seconds = seconds
    }
}
