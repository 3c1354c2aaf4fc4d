import Foundation

/// The five location problems the engine solves.
public enum ProblemKind: String, Sendable, CaseIterable, Codable {
    /// Minimise the weighted sum of distances from each demand point to its nearest open site.
    case pmedian
    /// Minimise the largest distance from a demand point (of positive weight) to its nearest open site.
    case pcenter
    /// Maximal covering: maximise the weight within `radius` of an open site, with `p` new sites.
    case mclp
    /// Location set covering: the fewest new sites that cover every coverable demand point.
    case lscp
    /// Capacitated coverage: maximise the weight served within `radius` without exceeding site capacities.
    case capacitated

    /// True when the objective is maximised (its bound is then an upper bound).
    public var maximises: Bool { self == .mclp || self == .capacitated }
}
