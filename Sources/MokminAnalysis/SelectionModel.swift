import Foundation

/// A problem of choosing `p` columns (sites) in minimisation form whose Lagrangian relaxation decomposes by column:
/// for multipliers λ, `bound(λ) = constant(λ) + Σ score_j(λ)` over the open columns, and every score is ≤ 0,
/// so the relaxation opens the fixed columns plus the `p` free columns with the smallest scores.
///
/// p-median, MCLP (as minus the covered weight) and capacitated coverage (minus the served weight) conform;
/// `SelectionSearch` runs the subgradient method and the branch and bound for all three.
protocol SelectionModel {
    var columnCount: Int { get }
    var multiplierCount: Int { get }
    /// True when every feasible cost is an integer, so a bound may be rounded up.
    var integralCosts: Bool { get }
    /// How many subgradient iterations pass between evaluations of the relaxation's sites as a real solution.
    var primalInterval: Int { get }

    /// Multipliers to start the subgradient method from, given a good solution (all open columns).
    func initialMultipliers(open: [Int]) -> [Double]
    /// Fills `scores` (one per column) and returns the constant term of the bound.
    func relax(_ multipliers: [Double], scores: inout [Double]) -> Double
    /// A supergradient of the bound at `multipliers` when the relaxation opens `open`; all zero when the relaxed
    /// constraints hold, in which case the bound equals `cost(open)`.
    func supergradient(_ multipliers: [Double], open: [Int], into g: inout [Double])
    /// Puts the multipliers back into their domain.
    func project(_ multipliers: inout [Double])
    /// The true cost of opening exactly `open`.
    func cost(_ open: [Int]) -> Double
    /// A first solution: `p` new columns, none of them in `fixed`.
    func startingSolution(fixed: [Int], p: Int, rng: inout SplitMix64) -> [Int]
    /// A local search from `chosen` (new columns); returns new columns, at least as good.
    func improve(fixed: [Int], chosen: [Int], deadline: Deadline) -> [Int]
}
