import Foundation
import GRDB
import MokminBase
import MokminParticipation
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// A participatory-budgeting round from proposals to implementation: districts with their own budgets and a city-wide
/// pot, the feasibility review, one ballot per district per resident, the outcome decided when voting ends with an
/// explanation that adds up, the `.pb` export, and a published election imported and decided.
@Suite struct BudgetServiceTests {
    static let hansol = "3611051000"
    static let areum = "3611053000"

    /// A round with a 한솔동 district (budget 1,000), an 아름동 district (600) and a city-wide pot (500).
    static func round(_ kit: ParticipationKit, kind: RoundBallotKind = .approval, rule: String = "mes", maxPoints: Int? = nil) async throws
        -> BudgetRound
    {
        try await kit.services.budget.create(
            NewRound(
                title: "2027 열린 시민참여예산", ballotKind: kind, rule: rule, maxPoints: maxPoints, votingOpensAt: Date().addingTimeInterval(-60),
                votingClosesAt: Date().addingTimeInterval(3600),
                districts: [
                    NewDistrict(name: "한솔동", budget: 1000, areas: [hansol]), NewDistrict(name: "아름동", budget: 600, areas: [areum]),
                    NewDistrict(name: "시 전체", budget: 500, isCityWide: true),
                ]), actor: "admin", origin: nil)
    }

    static func district(_ round: BudgetRound, _ name: String) -> BudgetDistrict { round.districts.first { $0.name == name }! }

    @Test(arguments: StoreKind.available) func aRoundRunsFromProposalsToResultsWithAnExplanationThatAddsUp(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let budget = kit.services.budget
        var round = try await Self.round(kit)
        let hansol = Self.district(round, "한솔동"), city = Self.district(round, "시 전체")
        var ids: [String: Int64] = [:]
        for (code, district, cost) in [
            ("H1", hansol, 600), ("H2", hansol, 500), ("H3", hansol, 400), ("H4", hansol, 2000), ("C1", city, 300), ("C2", city, 300),
        ] {
            ids[code] = try await budget.addProject(
                NewProject(districtID: district.id, code: code, title: "사업 \(code)", proposedCost: Int64(cost)), roundID: round.id, actor: "kim",
                origin: nil
            ).id
        }
        #expect(try await budget.advance(roundID: round.id, actor: "admin", origin: nil) == .review)
        // Voting needs every project reviewed.
        await #expect(throws: MokminError.self) { try await budget.advance(roundID: round.id, actor: "admin", origin: nil) }
        for (code, cost) in [("H1", 600), ("H2", 500), ("H3", 400), ("C1", 300), ("C2", 300)] {
            try await budget.review(projectID: ids[code]!, feasibility: .feasible, cost: Int64(cost), note: "", actor: "kim", origin: nil)
        }
        await #expect(throws: MokminError.self) {
            try await budget.review(projectID: ids["H4"]!, feasibility: .infeasible, cost: nil, note: " ", actor: "kim", origin: nil)
        }
        try await budget.review(projectID: ids["H4"]!, feasibility: .infeasible, cost: nil, note: "부지가 없습니다", actor: "kim", origin: nil)
        #expect(try await budget.advance(roundID: round.id, actor: "admin", origin: nil) == .voting)
        // The review is closed once voting starts.
        await #expect(throws: MokminError.self) {
            try await budget.review(projectID: ids["H1"]!, feasibility: .feasible, cost: 1, note: "", actor: "kim", origin: nil)
        }
        // Three 한솔동 residents back H1, two back H2 and H3; everyone backs C1 city-wide. 아름동 votes city-wide only.
        let voters = try await kit.residents(5, emd: Self.hansol)
        let ballots: [[String]] = [["H1"], ["H1"], ["H1"], ["H2", "H3"], ["H2", "H3"]]
        for (r, picks) in zip(voters, ballots) {
            try await budget.vote(
                roundID: round.id,
                ballots: [hansol.id: Dictionary(uniqueKeysWithValues: picks.map { (ids[$0]!, 1) }), city.id: [ids["C1"]!: 1]], resident: r)
        }
        let areum = try await kit.resident(emd: Self.areum)
        await #expect(throws: MokminError.self) { try await budget.vote(roundID: round.id, ballots: [hansol.id: [ids["H1"]!: 1]], resident: areum) }
        await #expect(throws: MokminError.self) { try await budget.vote(roundID: round.id, ballots: [city.id: [ids["H4"]!: 1]], resident: areum) }
        try await budget.vote(roundID: round.id, ballots: [city.id: [ids["C2"]!: 1]], resident: areum)
        await #expect(throws: MokminError.self) { try await budget.vote(roundID: round.id, ballots: [city.id: [ids["C1"]!: 1]], resident: areum) }
        #expect(try await budget.turnout(round.id) == [Self.hansol: 5, Self.areum: 1])

        #expect(try await budget.advance(roundID: round.id, actor: "admin", origin: nil) == .results)
        round = try await budget.round(round.id)
        let outcomes = try await budget.outcomes(round.id)
        let h = try #require(outcomes[hansol.id])
        // MES with cost satisfaction: each of 5 voters holds 200. H1's three supporters hold 600 and buy it at 200 each;
        // H2 and H3's two supporters hold 400: H3 (400) is affordable, H2 (500) is not.
        #expect(Set(h.selected) == [ids["H1"]!, ids["H3"]!])
        #expect(h.totalCost == 1000 && h.ballots == 5)
        let h1 = try #require(h.fates.first { $0.code == "H1" })
        #expect(h1.selected && h1.payments == [.init(amount: "200", voters: 3)] && h1.totalPaid == "600")
        let h2 = try #require(h.fates.first { $0.code == "H2" })
        #expect(!h2.selected && !h2.reasonKo.isEmpty && !h2.reasonEn.isEmpty)
        // The payments add up to the selected projects' costs, within the budget.
        let paid = h.fates.filter(\.selected).compactMap(\.totalPaid).compactMap(Int64.init).reduce(0, +)
        #expect(paid == h.totalCost && paid <= h.budget)
        let c = try #require(outcomes[city.id])
        #expect(c.ballots == 6 && c.selected.contains(ids["C1"]!))
        // The infeasible project is not on the ballot.
        #expect(!h.fates.contains { $0.code == "H4" })

        // Implementation: status and milestones once results are out.
        try await budget.setStatus(projectID: ids["H1"]!, status: .inProgress, actor: "kim", origin: nil)
        try await budget.addMilestone(projectID: ids["H1"]!, title: "실시설계", dueDay: "2027-03-31", actor: "kim", origin: nil)
        let h1Project = try await budget.project(ids["H1"]!)
        #expect(h1Project.status == .inProgress && h1Project.milestones.count == 1)
        _ = try await budget.completeMilestone(id: h1Project.milestones[0].id, doneDay: "2027-03-20", actor: "kim", origin: nil)
        #expect(try await budget.project(ids["H1"]!).milestones[0].doneDay == "2027-03-20")

        // The district as a .pb file, which imports back to the same outcome.
        let (_, text) = try await budget.pbFile(roundID: round.id, districtID: hansol.id)
        #expect(text.contains("vote_type;approval") && text.contains("budget;1000"))
        let imported = try await budget.importElection(text, fileName: "hansol.pb", rule: "mes", actor: "admin", origin: nil)
        #expect(imported.phase == .results)
        let again = try #require(try await budget.outcomes(imported.id).values.first)
        let importedCodes = Set(again.fates.filter(\.selected).map(\.code))
        #expect(importedCodes == ["H1", "H3"])
    }

    @Test(arguments: StoreKind.available) func cumulativeAndOrdinalBallotsAreDecided(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let budget = kit.services.budget
        for (kind, rule, ballots) in [
            (RoundBallotKind.cumulative, "greedy", [["A": 7, "B": 3], ["B": 10], ["A": 4, "C": 6]]),
            (RoundBallotKind.ordinal, "greedy", [["A": 1, "B": 2], ["B": 1, "C": 2], ["B": 1]]),
        ] {
            let round = try await Self.round(kit, kind: kind, rule: rule, maxPoints: kind == .cumulative ? 10 : nil)
            let hansol = Self.district(round, "한솔동")
            var ids: [String: Int64] = [:]
            for (code, cost) in [("A", 500), ("B", 600), ("C", 300)] {
                let p = try await budget.addProject(
                    NewProject(districtID: hansol.id, code: code, title: code, proposedCost: Int64(cost)), roundID: round.id, actor: "kim",
                    origin: nil)
                ids[code] = p.id
                try await budget.review(projectID: p.id, feasibility: .feasible, cost: Int64(cost), note: "", actor: "kim", origin: nil)
            }
            _ = try await budget.advance(roundID: round.id, actor: "admin", origin: nil)
            _ = try await budget.advance(roundID: round.id, actor: "admin", origin: nil)
            for (r, picks) in zip(try await kit.residents(3, emd: Self.hansol), ballots) {
                try await budget.vote(
                    roundID: round.id, ballots: [hansol.id: Dictionary(uniqueKeysWithValues: picks.map { (ids[$0.key]!, $0.value) })], resident: r)
            }
            _ = try await budget.advance(roundID: round.id, actor: "admin", origin: nil)
            let outcome = try #require(try await budget.outcomes(round.id)[hansol.id])
            #expect(outcome.totalCost <= 1000)
            let first = try #require(outcome.fates.first { $0.projectID == outcome.selected.first })
            #expect(first.rank == 1 && first.remainingBefore == "1000")
            if kind == .cumulative {
                // Greedy (as pabutools') takes points per won: A 11/500, B 13/600, C 6/300. A first (1,000 → 500), B does
                // not fit in the 500 left, C does.
                #expect(outcome.selected == [ids["A"]!, ids["C"]!])
                let b = try #require(outcome.fates.first { $0.code == "B" })
                #expect(!b.selected && b.rank == 2 && b.remainingBefore == "500")
            }
        }
    }
}
