/// The outcome rules `PBRules.run` computes, each exactly as pabutools 1.2.3 does (see the README's
/// "Participatory-budgeting rules" section for the words and the references).
public enum PBRule: String, Sendable, CaseIterable {
    /// Greedy utilitarian welfare: projects by total satisfaction per unit of cost (for approval ballots, by number
    /// of approvals), ties on the project id; a project that no longer fits is skipped and the next one tried.
    case greedy
    /// The Method of Equal Shares: every voter gets budget / voters; the project whose supporters can pay for it at
    /// the lowest price per unit of satisfaction is bought, each paying their share or all they have left.
    case mes
    /// MES with the per-voter budget raised by one unit at a time ("Add1": pabutools' `exhaustion_by_budget_increase`
    /// with budget_step = number of voters) until the outcome is exhaustive, or one step more would overspend: then the
    /// last outcome within the budget.
    case mesAdd1 = "mes-add1"
    /// `mes-add1`, then greedy on what is left (pabutools' `completion_by_rule_combination`).
    case mesAdd1Greedy = "mes-add1-greedy"
    /// MES with the total budget raised by 1 % of the budget at a time (pabutools' default budget_step for
    /// `exhaustion_by_budget_increase`), then greedy on what is left.
    case mesStep = "mes-step"
}
