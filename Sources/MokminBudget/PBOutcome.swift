/// The result of one rule on one election: what was bought, in the order it was bought, and each project's fate.
public struct PBOutcome: Sendable {
    public var rule: PBRule
    /// Project ids in selection order (for MES with completion: the MES stage first, then the greedy completion).
    public var selected: [String]
    public var totalCost: Rational
    public var budget: Rational
    /// One fate per project, in the election's project order.
    public var explanation: [PBProjectFate]
    /// The per-voter share of the MES stage whose outcome was kept (the budget / voters, raised for the completions).
    public var voterShare: Rational?
    /// How many times the completions raised the budget before the kept MES outcome.
    public var budgetIncreases: Int

    /// The fate of the project with this id.
    public func fate(of id: String) -> PBProjectFate? { explanation.first { $0.id == id } }
}
