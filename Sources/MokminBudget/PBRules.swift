/// The outcome rules for participatory budgeting, matching pabutools 1.2.3's selected sets exactly (see `PBRule`).
public enum PBRules {
    /// Computes a rule's outcome with its explanation. The completions (`mes-add1…`, `mes-step`) stop early, keeping
    /// the outcome reached so far, when the calling task is cancelled.
    public static func run(_ election: PBElection, rule: PBRule) -> PBOutcome {
        let sat = PBSatisfaction(election)
        var engine = EqualShares(sat)
        let n = sat.voterCount
        func share(_ limit: Rational) -> Rational { n == 0 ? .zero : limit / Rational(n) }
        switch rule {
        case .greedy:
            let greedy = GreedyRule(election: sat).run(after: [])
            return outcome(sat, rule: rule, mes: nil, greedy: greedy, stage: .greedy, share: nil, increases: 0)
        case .mes:
            let result = engine.run(perVoter: share(sat.budget), record: true)
            return outcome(sat, rule: rule, mes: result, greedy: nil, stage: .greedy, share: share(sat.budget), increases: 0)
        case .mesAdd1, .mesAdd1Greedy, .mesStep:
            let step = rule == .mesStep ? sat.budget / Rational(100) : Rational(n)
            let kept = exhaustionByBudgetIncrease(sat, engine: &engine, step: step)
            var mes: EqualShares.Result? = nil
            var keptShare: Rational? = nil
            var mesSelected: [Int] = []
            if let k = kept {
                keptShare = share(sat.budget + step * Rational(k))
                mes = engine.run(perVoter: keptShare!, record: true)
                mesSelected = mes!.selected
            }
            var greedy: (selected: [Int], steps: [GreedyRule.Step])? = nil
            if rule != .mesAdd1 && !sat.isExhaustive(mesSelected) {
                greedy = GreedyRule(election: sat).run(after: mesSelected)
            }
            return outcome(sat, rule: rule, mes: mes, greedy: greedy, stage: .completion, share: keptShare, increases: kept ?? 0)
        }
    }

    /// pabutools' `exhaustion_by_budget_increase` around MES: run MES with the budget raised by `step` each time until
    /// its outcome is exhaustive (kept) or costs more than the real budget (the one before is kept); give up past
    /// budget × (voters + 1). Returns how many steps the kept outcome had, nil for the empty start.
    /// A zero step (no voters, or a zero budget for 1 %) runs MES once.
    static func exhaustionByBudgetIncrease(_ sat: PBSatisfaction, engine: inout EqualShares, step: Rational) -> Int? {
        let n = sat.voterCount
        let bound = sat.budget * Rational(n + 1)
        var limit = sat.budget
        var k = 0
        var previous: Int? = nil
        while !(bound < limit) {
            let selected = n == 0 ? [] : engine.run(perVoter: limit / Rational(n), record: false).selected
            if sat.budget < sat.cost(of: selected) { return previous }
            if sat.isExhaustive(selected) || step.isZero || Task.isCancelled { return k }
            previous = k
            k += 1
            limit += step
        }
        return previous
    }

    static func outcome(
        _ sat: PBSatisfaction, rule: PBRule, mes: EqualShares.Result?, greedy: (selected: [Int], steps: [GreedyRule.Step])?,
        stage greedyStage: PBProjectFate.Stage, share: Rational?, increases: Int
    ) -> PBOutcome {
        var fates = sat.ids.indices.map { p in
            PBProjectFate(
                id: sat.ids[p], cost: sat.costs[p], selected: false, stage: nil, order: nil, supporters: sat.supporters[p].count,
                score: sat.totalSatisfaction(p), greedyRank: nil, remainingBefore: nil, remainingAfter: nil, price: nil, payments: [],
                paymentSummary: [], supportersLeft: nil)
        }
        var order: [Int] = []
        if let mes {
            order = mes.selected
            for p in mes.selected {
                fates[p].selected = true
                fates[p].stage = .mes
            }
            for purchase in mes.purchases {
                let p = purchase.project
                fates[p].price = purchase.price
                fates[p].payments = zip(purchase.payers, purchase.amounts).map { PBPayment(voterID: sat.voterIDs[Int($0)], amount: $1) }
                var counts: [Rational: Int] = [:]
                for amount in purchase.amounts { counts[amount, default: 0] += 1 }
                fates[p].paymentSummary = counts.map { PBPaymentGroup(amount: $0.key, payers: $0.value) }.sorted { $1.amount < $0.amount }
            }
            for p in sat.ids.indices where p < mes.supportersLeft.count { fates[p].supportersLeft = mes.supportersLeft[p] }
        }
        if let greedy {
            for step in greedy.steps {
                let p = step.project
                fates[p].greedyRank = step.rank
                fates[p].remainingBefore = step.remainingBefore
                if step.selected {
                    fates[p].selected = true
                    fates[p].stage = greedyStage
                    fates[p].remainingAfter = step.remainingBefore - sat.costs[p]
                }
            }
            order += greedy.selected
        }
        for (position, p) in order.enumerated() { fates[p].order = position + 1 }
        return PBOutcome(
            rule: rule, selected: order.map { sat.ids[$0] }, totalCost: sat.cost(of: order), budget: sat.budget, explanation: fates,
            voterShare: share, budgetIncreases: increases)
    }
}
