import MokminBudget
import Testing

/// The rules on small elections checked by hand (and against pabutools 1.2.3), and the explanation's arithmetic on
/// every bundled file.
@Suite struct PBRulesTests {
    static func approval(budget: Int, costs: [(String, Int)], votes: [String]) throws -> PBElection {
        let projects = costs.map { "\($0.0);\($0.1)" }.joined(separator: "\n")
        let ballots = votes.enumerated().map { "v\($0.offset + 1);\($0.element)" }.joined(separator: "\n")
        return try election(
            "META\nkey;value\nbudget;\(budget)\nvote_type;approval\nPROJECTS\nproject_id;cost\n\(projects)\nVOTES\nvoter_id;vote\n\(ballots)\n")
    }

    /// "10" sorts before "2" and "9" as a string, as pabutools breaks ties.
    @Test func tiesGoToTheSmallerIDString() throws {
        let e = try Self.approval(budget: 10, costs: [("9", 5), ("10", 5), ("2", 6)], votes: ["9,10,2", "2,9,10"])
        let greedy = PBRules.run(e, rule: .greedy)
        #expect(greedy.selected == ["10", "9"])
        let skipped = try #require(greedy.fate(of: "2"))
        #expect(skipped.greedyRank == 2 && skipped.remainingBefore == Rational(5) && !skipped.selected)
        #expect(skipped.sentence.en.contains("its cost 6 was more than the 5 left"))
        #expect(PBRules.run(e, rule: .mes).selected == ["10", "9"])
        let tight = try Self.approval(budget: 20, costs: [("9", 20), ("10", 20)], votes: ["9,10", "10,9"])
        for rule in PBRule.allCases { #expect(PBRules.run(tight, rule: rule).selected == ["10"], "\(rule)") }
    }

    @Test func aProjectCostingMoreThanTheBudgetIsNeverBought() throws {
        let e = try Self.approval(budget: 100, costs: [("big", 150), ("a", 40)], votes: ["big,a", "big", "big"])
        #expect(PBRules.run(e, rule: .greedy).selected == ["a"])
        let mes = PBRules.run(e, rule: .mes)
        #expect(mes.selected.isEmpty)
        #expect(mes.fate(of: "big")?.supportersLeft == Rational(100))
        #expect(mes.fate(of: "a")?.supportersLeft == Rational(100, 3))
        #expect(mes.fate(of: "big")?.sentence.en.contains("had only 100 left in total; it costs 150") == true)
        // Add1: each voter's share rises by 1 until "a" (40) is affordable by its one supporter: 100/3 + 7 > 40.
        let add1 = PBRules.run(e, rule: .mesAdd1)
        #expect(add1.selected == ["a"])
        #expect(add1.budgetIncreases == 7)
        #expect(add1.voterShare == Rational(121, 3))
        #expect(PBRules.run(e, rule: .mesStep).selected == ["a"])
    }

    /// v1 pays all it has left (4) for b, v4 pays the rest (20); the empty ballot v5 keeps its 24.
    @Test func aVoterWhoseShareRunsOutPaysWhatItHas() throws {
        let e = try Self.approval(budget: 120, costs: [("a", 60), ("b", 24), ("c", 50)], votes: ["a,b", "a", "a", "b", ""])
        #expect(e.ballots[4].projects.isEmpty)
        let mes = PBRules.run(e, rule: .mes)
        #expect(mes.selected == ["a", "b"])
        #expect(mes.voterShare == Rational(24))
        let a = try #require(mes.fate(of: "a")), b = try #require(mes.fate(of: "b"))
        #expect(a.payments.map(\.amount) == [Rational(20), Rational(20), Rational(20)])
        #expect(a.price == Rational(1, 3))
        #expect(b.payments == [PBPayment(voterID: "v1", amount: Rational(4)), PBPayment(voterID: "v4", amount: Rational(20))])
        #expect(b.price == Rational(5, 6))
        #expect(b.paymentSummary == [PBPaymentGroup(amount: Rational(20), payers: 1), PBPaymentGroup(amount: Rational(4), payers: 1)])
        #expect(mes.fate(of: "c")?.supporters == 0)
        #expect(mes.fate(of: "c")?.sentence.en.contains("nobody supported it") == true)
        #expect(PBRules.run(e, rule: .greedy).selected == ["a", "b"])
    }

    /// Cumulative points are the satisfaction: b (3 points for 40) beats a (3 points for 60).
    @Test func cumulativeBallotsCountPoints() throws {
        let e = try election(
            "META\nkey;value\nbudget;100\nvote_type;cumulative\nmax_sum_points;4\nPROJECTS\nproject_id;cost\na;60\nb;40\nVOTES\nvoter_id;vote;points\nv1;a,b;3,1\nv2;b;2\n"
        )
        #expect(PBRules.run(e, rule: .greedy).selected == ["b", "a"])
        let mes = PBRules.run(e, rule: .mes)
        #expect(mes.selected == ["b"])
        #expect(mes.fate(of: "b")?.payments.map(\.amount) == [Rational(40, 3), Rational(80, 3)])
        #expect(mes.fate(of: "a")?.supportersLeft == Rational(110, 3))
        #expect(PBRules.run(e, rule: .mesAdd1Greedy).selected == ["b", "a"])
    }

    /// Ordinal ballots use pabutools' Additive_Borda_Sat: a ballot of k projects gives k − 1 − position.
    @Test func ordinalBallotsUseBordaScores() throws {
        let e = try election(
            "META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;5\nb;5\nc;5\nVOTES\nvoter_id;vote\nv1;a,b,c\nv2;b,a,c\nv3;c,b,a\n"
        )
        let greedy = PBRules.run(e, rule: .greedy)
        #expect(greedy.explanation.map(\.score) == [Rational(3), Rational(4), Rational(2)])
        #expect(greedy.selected == ["b", "a"])
        #expect(PBRules.run(e, rule: .mes).selected == ["b"])
        #expect(PBRules.run(e, rule: .mesAdd1).selected == ["b", "a"])
    }

    /// On every bundled file: MES payments add up to the cost of what MES bought, within the budget (within the raised
    /// budget for the completions), and the greedy steps' budget left runs down to budget − total cost.
    @Test(arguments: Pabulib.names)
    func theExplanationAddsUp(name: String) throws {
        let e = try Pabulib.election(name)
        let rules: [PBRule] = Pabulib.large.contains(name) ? [.greedy, .mes] : PBRule.allCases
        for rule in rules {
            let outcome = PBRules.run(e, rule: rule)
            #expect(!(e.budget < outcome.totalCost), "\(rule)")
            var paid = Rational.zero, mesCost = Rational.zero
            for fate in outcome.explanation {
                if fate.stage == .mes {
                    let sum = fate.payments.reduce(Rational.zero) { $0 + $1.amount }
                    #expect(sum == fate.cost, "\(rule) \(fate.id)")
                    #expect(fate.paymentSummary.reduce(0) { $0 + $1.payers } == fate.payments.count)
                    paid += sum
                    mesCost += fate.cost
                } else if !fate.selected, let left = fate.supportersLeft {
                    #expect(left < fate.cost, "\(rule) \(fate.id)")
                }
                if let after = fate.remainingAfter, let before = fate.remainingBefore { #expect(before - fate.cost == after) }
                #expect(fate.selected == outcome.selected.contains(fate.id))
            }
            #expect(paid == mesCost)
            if let share = outcome.voterShare { #expect(!(share * Rational(e.ballots.count) < paid)) }
            let lastAfter = outcome.explanation.filter { $0.stage == .greedy || $0.stage == .completion }.max { ($0.order ?? 0) < ($1.order ?? 0) }
            if let lastAfter { #expect(lastAfter.remainingAfter == e.budget - outcome.totalCost, "\(rule)") }
        }
    }
}
