import Foundation

/// The answer to one location problem, with its proof of quality.
///
/// `objective` is the value of the returned sites; `bound` is a lower bound on the optimum when the problem
/// minimises (p-median, p-center, LSCP) and an upper bound when it maximises (MCLP, capacitated coverage).
/// `gap = |objective − bound| / max(|objective|, 1)` is 0 exactly when `provenOptimal` is true.
public struct Solution: Sendable, Equatable {
    public var kind: ProblemKind
    /// Weighted distance (p-median), largest distance (p-center), number of new sites (LSCP),
    /// covered weight (MCLP) or served weight (capacitated coverage).
    public var objective: Double
    public var bound: Double
    public var gap: Double
    /// Wall-clock seconds spent solving (parsing excluded).
    public var seconds: Double
    /// Ids of the new sites chosen. Existing facilities are listed separately in `existing`.
    public var facilities: [String]
    /// Ids of the existing facilities, which are always open and never counted in `p`.
    public var existing: [String]
    /// Weight within the radius of an open site (MCLP, LSCP) or served (capacitated); nil otherwise.
    public var coveredWeight: Double?
    /// Demand points no candidate or existing site can cover (coverage problems only).
    public var uncoverableDemand: [String]
    /// Total weight of `uncoverableDemand`.
    public var uncoverableWeight: Double
    public var provenOptimal: Bool
    /// Branch-and-bound nodes explored (0 when the root closed the gap or no search was needed).
    public var nodes: Int

    public init(
        kind: ProblemKind, objective: Double, bound: Double, seconds: Double, facilities: [String], existing: [String],
        coveredWeight: Double? = nil, uncoverableDemand: [String] = [], uncoverableWeight: Double = 0,
        provenOptimal: Bool, nodes: Int = 0
    ) {
        self.kind = kind
        self.objective = objective
        // A valid bound that reaches the objective is itself a proof.
        let closed = kind.maximises ? bound <= objective : bound >= objective
        self.provenOptimal = provenOptimal || closed
        self.bound = self.provenOptimal ? objective : bound
        self.gap = self.provenOptimal ? 0 : abs(objective - bound) / max(abs(objective), 1)
        self.seconds = seconds
        self.facilities = facilities
        self.existing = existing
        self.coveredWeight = coveredWeight
        self.uncoverableDemand = uncoverableDemand
        self.uncoverableWeight = uncoverableWeight
        self.nodes = nodes
    }
}
