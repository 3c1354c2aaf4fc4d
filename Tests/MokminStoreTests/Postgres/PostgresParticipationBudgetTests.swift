import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import MokminTestSupport
import Testing

/// Participatory-budgeting rounds: the same behaviour on SQLite and PostgreSQL.
@Suite struct ParticipationBudgetContractTests {
    static func newRound(title: String = "2026 주민참여예산", opensAt: Date = participationT0.addingTimeInterval(-60), phase: RoundPhase = .proposals)
        -> NewRound
    {
        NewRound(
            title: title, description: "설명", ballotKind: .approval, rule: "greedy", minProjects: 1, maxProjects: 3, maxCost: 900, minAge: 14,
            votingOpensAt: opensAt, votingClosesAt: opensAt.addingTimeInterval(3600),
            districts: [
                NewDistrict(name: "동부", budget: 1_000, areas: [participationEmd2, participationEmd1]),
                NewDistrict(name: "시 전체", budget: 5_000, isCityWide: true),
            ], phase: phase)
    }

    @Test(arguments: StoreKind.available)
    func roundsProjectsReviewsAndMilestones(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let round = try await s.rounds.create(Self.newRound(), createdBy: "kim", audit: pAudit("pb.create"))
            #expect(round.title == "2026 주민참여예산" && round.phase == .proposals && round.ballotKind == .approval && round.rule == "greedy")
            #expect(round.minProjects == 1 && round.maxProjects == 3 && round.maxCost == 900 && round.maxPoints == nil && round.minAge == 14)
            #expect(round.votingOpensAt == participationT0.addingTimeInterval(-60) && round.createdBy == "kim" && round.participants == 0)
            #expect(round.districts.map(\.name) == ["시 전체", "동부"], "the city-wide pot first")
            #expect(round.districts[1].areas == [participationEmd1, participationEmd2] && round.districts[0].areas.isEmpty)
            let (city, east) = (round.districts[0], round.districts[1])
            let later = try await s.rounds.create(
                Self.newRound(title: "다음", opensAt: participationT0.addingTimeInterval(86_400)), createdBy: "kim", audit: pAudit("pb.create"))
            #expect(try await s.rounds.rounds() == [later, round])
            #expect(try await s.rounds.round(id: round.id) == round)
            #expect(try await s.rounds.round(id: 999_999) == nil)

            let b = try await s.rounds.addProject(
                NewProject(districtID: east.id, code: "E-2", title: " 놀이터 ", category: "복지", emdCode: participationEmd1, proposedCost: 300),
                roundID: round.id, audit: pAudit("pb.project"))
            #expect(b.title == "놀이터" && b.feasibility == .pending && b.status == .planned && b.cost == nil && b.milestones.isEmpty)
            let a = try await s.rounds.addProject(
                NewProject(districtID: east.id, code: "E-1", title: "가로등", proposedCost: 500), roundID: round.id, audit: pAudit("pb.project"))
            let c = try await s.rounds.addProject(
                NewProject(districtID: city.id, code: "C-1", title: "도서관", proposedCost: 2_000), roundID: round.id, audit: pAudit("pb.project"))
            await expectParticipationError(.conflict, "The project code is taken: E-1") {
                _ = try await s.rounds.addProject(
                    NewProject(districtID: city.id, code: "E-1", title: "중복", proposedCost: 1), roundID: round.id, audit: pAudit("pb.project"))
            }
            await expectParticipationError(.invalidInput, "The district is not in this round") {
                _ = try await s.rounds.addProject(
                    NewProject(districtID: later.districts[0].id, code: "X", title: "남의 권역", proposedCost: 1), roundID: round.id,
                    audit: pAudit("pb.project"))
            }
            #expect(east.id < city.id)
            #expect(try await s.rounds.projects(roundID: round.id).map(\.id) == [a.id, b.id, c.id], "by district, then code")
            #expect(try await s.rounds.project(id: b.id) == b)
            #expect(try await s.rounds.project(id: 999_999) == nil)

            try await s.rounds.review(projectID: a.id, feasibility: .feasible, cost: 450, note: "", by: "park", audit: pAudit("pb.review"))
            try await s.rounds.review(projectID: b.id, feasibility: .infeasible, cost: nil, note: "부지 없음", by: "park", audit: pAudit("pb.review"))
            await expectParticipationError(.notFound, "No such project: 999999") {
                try await s.rounds.review(projectID: 999_999, feasibility: .feasible, cost: 1, note: "", by: "park", audit: pAudit("pb.review"))
            }
            try await s.rounds.setStatus(projectID: a.id, status: .inProgress, audit: pAudit("pb.status"))
            await expectParticipationError(.notFound, "No such project: 999999") {
                try await s.rounds.setStatus(projectID: 999_999, status: .done, audit: pAudit("pb.status"))
            }
            try await s.rounds.addMilestone(projectID: a.id, title: "착공", dueDay: "2026-09-01", audit: pAudit("pb.milestone"))
            try await s.rounds.addMilestone(projectID: a.id, title: "설계", dueDay: "2026-05-01", audit: pAudit("pb.milestone"))
            let reviewed = try #require(try await s.rounds.project(id: a.id))
            #expect(reviewed.feasibility == .feasible && reviewed.cost == 450 && reviewed.status == .inProgress)
            #expect(reviewed.milestones.map(\.title) == ["설계", "착공"] && reviewed.milestones.allSatisfy { $0.doneDay == nil })
            #expect(try await s.rounds.project(id: b.id)?.reviewNote == "부지 없음")
            #expect(try await s.rounds.completeMilestone(id: reviewed.milestones[0].id, doneDay: "2026-05-03", audit: pAudit("pb.milestone")) == a.id)
            #expect(try await s.rounds.project(id: a.id)?.milestones[0].doneDay == "2026-05-03")
            await expectParticipationError(.notFound, "No such milestone: 999999") {
                _ = try await s.rounds.completeMilestone(id: 999_999, doneDay: nil, audit: pAudit("pb.milestone"))
            }
            #expect(
                try await s.auditLines(6) == [
                    "pb.milestone pb-project \(a.id) milestone \(reviewed.milestones[0].id) done=2026-05-03",
                    "pb.milestone pb-project \(a.id) milestone 설계 due 2026-05-01",
                    "pb.milestone pb-project \(a.id) milestone 착공 due 2026-09-01",
                    "pb.status pb-project \(a.id) status=in_progress",
                    "pb.review pb-project \(b.id) feasibility=infeasible cost=-",
                    "pb.review pb-project \(a.id) feasibility=feasible cost=450",
                ])
            #expect(try await s.auditLines(50).contains("pb.project pb-project \(b.id) 놀이터"))
            #expect(try await s.auditLines(50).contains("pb.create pb-round \(round.id) 2026 주민참여예산"))
        }
    }

    @Test(arguments: StoreKind.available)
    func votingOutcomesAndTurnout(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let round = try await s.rounds.create(Self.newRound(), createdBy: "kim", audit: pAudit("pb.create"))
            let (city, east) = (round.districts[0], round.districts[1])
            let a = try await s.rounds.addProject(
                NewProject(districtID: east.id, code: "E-1", title: "가로등", proposedCost: 500), roundID: round.id, audit: pAudit("pb.project"))
            let b = try await s.rounds.addProject(
                NewProject(districtID: east.id, code: "E-2", title: "놀이터", proposedCost: 300), roundID: round.id, audit: pAudit("pb.project"))
            let c = try await s.rounds.addProject(
                NewProject(districtID: city.id, code: "C-1", title: "도서관", proposedCost: 2_000), roundID: round.id, audit: pAudit("pb.project"))
            let voters = try await s.makeResidents(3)
            let band = AgeBand(rawValue: 40)!
            await expectParticipationError(.forbidden, "Voting is not open") {
                try await s.rounds.cast(
                    roundID: round.id, residentID: voters[0].id, ballots: [(east.id, [a.id: 1])], emdCode: participationEmd1, ageBand: band,
                    now: participationT0)
            }
            try await s.rounds.setPhase(roundID: round.id, phase: .voting, outcomes: [], audit: pAudit("pb.phase"))
            try await s.rounds.cast(
                roundID: round.id, residentID: voters[0].id, ballots: [(east.id, [a.id: 1, b.id: 1]), (city.id, [c.id: 1])],
                emdCode: participationEmd1,
                ageBand: band, now: participationT0)
            try await s.rounds.cast(
                roundID: round.id, residentID: voters[1].id, ballots: [(east.id, [:]), (city.id, [c.id: 1])], emdCode: participationEmd1,
                ageBand: band,
                now: participationT0)
            try await s.rounds.cast(
                roundID: round.id, residentID: voters[2].id, ballots: [(city.id, [c.id: 1])], emdCode: participationEmd2, ageBand: band,
                now: participationT0)
            await expectParticipationError(.conflict, "You have voted already: one resident, one vote") {
                try await s.rounds.cast(
                    roundID: round.id, residentID: voters[0].id, ballots: [(city.id, [c.id: 1])], emdCode: participationEmd1, ageBand: band,
                    now: participationT0)
            }
            await expectParticipationError(.forbidden) {
                try await s.rounds.cast(
                    roundID: round.id, residentID: voters[0].id, ballots: [], emdCode: participationEmd1, ageBand: band,
                    now: participationT0.addingTimeInterval(7200))
            }
            #expect(try await s.rounds.hasVoted(roundID: round.id, residentID: voters[0].id))
            #expect(try await s.rounds.hasVoted(roundID: round.id, residentID: 999_999) == false)
            #expect(Set(try await s.rounds.ballots(districtID: east.id)) == [[a.id: 1, b.id: 1], [:]])
            #expect(try await s.rounds.ballots(districtID: city.id) == [[c.id: 1], [c.id: 1], [c.id: 1]])
            #expect(try await s.rounds.turnout(roundID: round.id) == [participationEmd1: 2, participationEmd2: 1])
            #expect(try await s.rounds.round(id: round.id)?.participants == 3)
            #expect(try await s.number("SELECT COUNT(*) FROM pbBallot") == 5)

            // Outcomes are stored with the move to results; moving again replaces a district's outcome.
            let computed = participationT0.addingTimeInterval(30)
            try await s.rounds.setPhase(
                roundID: round.id, phase: .results,
                outcomes: [StoredOutcome(districtID: east.id, rule: "greedy", ballots: 2, json: "{}", computedAt: computed)],
                audit: pAudit("pb.phase"))
            let outcomes = [
                StoredOutcome(districtID: city.id, rule: "greedy", ballots: 3, json: #"{"c":1}"#, computedAt: computed),
                StoredOutcome(districtID: east.id, rule: "mes", ballots: 2, json: #"{"e":2}"#, computedAt: computed.addingTimeInterval(1)),
            ]
            try await s.rounds.setPhase(roundID: round.id, phase: .results, outcomes: outcomes, audit: pAudit("pb.phase"))
            #expect(try await s.rounds.outcomes(roundID: round.id) == outcomes.sorted { $0.districtID < $1.districtID })
            #expect(try await s.rounds.round(id: round.id)?.phase == .results)
            await expectParticipationError(.notFound, "No such round: 999999") {
                try await s.rounds.setPhase(roundID: 999_999, phase: .results, outcomes: [], audit: pAudit("pb.phase"))
            }
            #expect(try await s.auditLines(1) == ["pb.phase pb-round \(round.id) phase=results"])
        }
    }

    @Test(arguments: StoreKind.available)
    func anImportedElectionArrivesWholeOrNotAtAll(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let round = Self.newRound(title: "가져온 선거", phase: .voting)
            var single = round
            single.districts = [NewDistrict(name: "시 전체", budget: 1_000, isCityWide: true)]
            let projects = [
                NewProject(districtID: 0, code: "P1", title: "하나", proposedCost: 100),
                NewProject(districtID: 0, code: "P2", title: "둘", proposedCost: 200),
            ]
            let ballots: [[String: Int]] = (0..<2_500).map { $0 % 3 == 0 ? ["P1": 1, "P2": 1] : ["P2": 1] }
            let imported = try await s.rounds.importRound(
                single, projects: projects, costs: ["P1": 90], ballots: ballots, createdBy: "kim", audit: pAudit("pb.import"))
            #expect(imported.title == "가져온 선거" && imported.phase == .voting && imported.districts.count == 1 && imported.participants == 0)
            let stored = try await s.rounds.projects(roundID: imported.id)
            #expect(stored.map(\.code) == ["P1", "P2"] && stored.map(\.cost) == [90, 200] && stored.allSatisfy { $0.feasibility == .feasible })
            let (p1, p2) = (stored[0].id, stored[1].id)
            let cast = try await s.rounds.ballots(districtID: imported.districts[0].id)
            #expect(cast.count == 2_500)
            #expect(cast.filter { $0 == [p1: 1, p2: 1] }.count == 834 && cast.filter { $0 == [p2: 1] }.count == 1_666)
            #expect(try await s.auditLines(1) == ["pb.import pb-round \(imported.id) imported 가져온 선거: 2 projects, 2500 ballots"])

            await expectParticipationError(.invalidInput, "A vote for an unknown project: P9") {
                _ = try await s.rounds.importRound(
                    single, projects: projects, costs: [:], ballots: [["P1": 1], ["P9": 1]], createdBy: "kim", audit: pAudit("pb.import"))
            }
            await expectParticipationError(.conflict, "The project code is taken: P1") {
                _ = try await s.rounds.importRound(
                    single, projects: projects + [projects[0]], costs: [:], ballots: [], createdBy: "kim", audit: pAudit("pb.import"))
            }
            #expect(try await s.rounds.rounds().map(\.id) == [imported.id], "a refused import leaves nothing")
            #expect(try await s.number("SELECT COUNT(*) FROM pbBallot") == 2_500)
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentAddsOfOneCodeAndConcurrentVotesOfOneResident(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let round = try await s.rounds.create(Self.newRound(), createdBy: "kim", audit: pAudit("pb.create"))
            let east = round.districts[1]
            let adds = await participationConcurrently(10) { i in
                _ = try await s.rounds.addProject(
                    NewProject(districtID: east.id, code: "SAME", title: "사업 \(i)", proposedCost: 100), roundID: round.id, audit: pAudit("pb.project")
                )
            }
            #expect(adds.succeeded == 1 && adds.errors == Array(repeating: "conflict", count: 9))
            #expect(try await s.rounds.projects(roundID: round.id).count == 1)

            let project = try await s.rounds.projects(roundID: round.id)[0]
            try await s.rounds.setPhase(roundID: round.id, phase: .voting, outcomes: [], audit: pAudit("pb.phase"))
            let voter = try await s.makeResidents(1)[0]
            let votes = await participationConcurrently(10) { _ in
                try await s.rounds.cast(
                    roundID: round.id, residentID: voter.id, ballots: [(east.id, [project.id: 1])], emdCode: participationEmd1,
                    ageBand: AgeBand(rawValue: 40)!, now: participationT0)
            }
            #expect(votes.succeeded == 1 && votes.errors == Array(repeating: "conflict", count: 9))
            #expect(try await s.rounds.ballots(districtID: east.id) == [[project.id: 1]])
            #expect(try await s.rounds.round(id: round.id)?.participants == 1)
        }
    }
}
