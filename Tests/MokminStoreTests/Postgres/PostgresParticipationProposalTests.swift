import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import MokminTestSupport
import Testing

/// Citizen proposals: moderation, supports, merges and the projects they become, the same on SQLite and PostgreSQL.
@Suite struct ParticipationProposalContractTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    static func propose(
        _ s: ParticipationStore, _ title: String, by resident: Resident, category: String = "교통", emd: String? = nil, photo: Data? = nil,
        at offset: Double
    ) async throws -> Proposal {
        try await s.proposals.create(
            NewProposal(title: title, body: "\(title) 해 주세요", category: category, emdCode: emd, photo: photo), residentID: resident.id, isDemo: false,
            now: participationT0.addingTimeInterval(offset))
    }

    @Test(arguments: StoreKind.available)
    func proposalsAreStoredListedAndModerated(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let r = try await s.makeResidents(4)
            let p1 = try await Self.propose(s, "버스 증차", by: r[0], emd: participationEmd1, photo: Self.png, at: 0)
            #expect(p1.title == "버스 증차" && p1.status == .pending && p1.hasPhoto && p1.supporters == 0 && p1.projectID == nil)
            #expect(p1.emdCode == participationEmd1 && p1.createdAt == participationT0 && p1.publishedAt == nil && !p1.isDemo)
            let p2 = try await Self.propose(s, "나무 심기", by: r[1], category: "환경", at: 10)
            let p3 = try await Self.propose(s, "가로등", by: r[0], at: 20)
            #expect(try await s.proposals.proposal(id: p1.id) == p1)
            #expect(try await s.proposals.proposal(id: 999_999) == nil)
            let photo = try #require(try await s.proposals.photo(proposalID: p1.id))
            #expect(photo.data == Self.png && photo.type == "image/png")
            #expect(try await s.proposals.photo(proposalID: p2.id) == nil)
            #expect(try await s.proposals.authorID(proposalID: p2.id) == r[1].id)
            #expect(try await s.proposals.authorID(proposalID: 999_999) == nil)
            #expect(try await s.proposals.pendingCount(residentID: r[0].id) == 2)

            let closes = participationT0.addingTimeInterval(30 * 86_400)
            try await s.proposals.publish(
                proposalID: p1.id, threshold: 2, closesAt: closes, by: "kim", now: participationT0.addingTimeInterval(100),
                audit: pAudit("proposal.publish"))
            await expectParticipationError(.conflict, "Only a proposal awaiting moderation can be published") {
                try await s.proposals.publish(proposalID: p1.id, threshold: 2, closesAt: closes, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            await expectParticipationError(.notFound, "No such proposal: 999999") {
                try await s.proposals.publish(
                    proposalID: 999_999, threshold: 2, closesAt: closes, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            #expect(try await s.auditLines(1) == ["proposal.publish proposal \(p1.id) threshold 2, closes \(LocalTime(closes).isoDate)"])

            // Supports: published and open only, once per resident.
            await expectParticipationError(.forbidden, "Only a published proposal can be supported") {
                try await s.proposals.support(proposalID: p2.id, residentID: r[0].id, now: participationT0)
            }
            await expectParticipationError(.notFound) {
                try await s.proposals.support(proposalID: 999_999, residentID: r[0].id, now: participationT0)
            }
            try await s.proposals.support(proposalID: p1.id, residentID: r[1].id, now: participationT0.addingTimeInterval(200))
            await expectParticipationError(.conflict, "You have already supported this proposal: one resident, one support") {
                try await s.proposals.support(proposalID: p1.id, residentID: r[1].id, now: participationT0.addingTimeInterval(300))
            }
            await expectParticipationError(.forbidden, "The support period has closed") {
                try await s.proposals.support(proposalID: p1.id, residentID: r[2].id, now: closes)
            }
            #expect(try await s.proposals.hasSupported(proposalID: p1.id, residentID: r[1].id))
            #expect(try await s.proposals.hasSupported(proposalID: p1.id, residentID: r[2].id) == false)
            try await s.proposals.support(proposalID: p1.id, residentID: r[2].id, now: participationT0.addingTimeInterval(200))
            let due = try #require(try await s.proposals.proposal(id: p1.id))
            #expect(due.supporters == 2 && due.answerDue && due.publishedAt == participationT0.addingTimeInterval(100))

            // Lists: statuses, filters, orders, pages.
            func ids(_ filter: ProposalFilter, limit: Int = 10, offset: Int = 0) async throws -> ([Int64], Int) {
                let page = try await s.proposals.proposals(filter, limit: limit, offset: offset)
                return (page.proposals.map(\.id), page.total)
            }
            #expect(try await ids(ProposalFilter()) == ([p1.id], 1))
            #expect(try await ids(ProposalFilter(statuses: [])) == ([p1.id, p3.id, p2.id], 3), "newest by publication, else creation")
            #expect(try await ids(ProposalFilter(statuses: [], order: .oldest)) == ([p1.id, p2.id, p3.id], 3))
            #expect(try await ids(ProposalFilter(statuses: [.pending], order: .supporters)) == ([p3.id, p2.id], 2))
            #expect(try await ids(ProposalFilter(statuses: [], order: .supporters)) == ([p1.id, p3.id, p2.id], 3))
            #expect(try await ids(ProposalFilter(statuses: [], category: "환경")) == ([p2.id], 1))
            #expect(try await ids(ProposalFilter(statuses: [], emdCode: participationEmd1)) == ([p1.id], 1))
            #expect(try await ids(ProposalFilter(statuses: [], answerDueOnly: true)) == ([p1.id], 1))
            #expect(try await ids(ProposalFilter(statuses: [], order: .oldest), limit: 1, offset: 1) == ([p2.id], 3))
            #expect(try await ids(ProposalFilter(statuses: [], order: .oldest), limit: 0, offset: -5) == ([p1.id], 3), "limits are kept in range")

            // Rejection and answers.
            try await s.proposals.reject(proposalID: p2.id, reason: "중복입니다", by: "kim", audit: pAudit("proposal.reject"))
            await expectParticipationError(.conflict, "Only a pending or published proposal can be rejected") {
                try await s.proposals.reject(proposalID: p2.id, reason: "다시", by: "kim", audit: pAudit("x"))
            }
            await expectParticipationError(.conflict, "Only a published proposal can be answered") {
                try await s.proposals.answer(proposalID: p2.id, text: "답", by: "kim", now: participationT0, audit: pAudit("x"))
            }
            await expectParticipationError(.notFound) {
                try await s.proposals.answer(proposalID: 999_999, text: "답", by: "kim", now: participationT0, audit: pAudit("x"))
            }
            try await s.proposals.answer(
                proposalID: p1.id, text: "증차하겠습니다", by: "lee", now: participationT0.addingTimeInterval(500), audit: pAudit("proposal.answer"))
            let answered = try #require(try await s.proposals.proposal(id: p1.id))
            #expect(answered.answer == "증차하겠습니다" && answered.answeredBy == "lee" && answered.answeredAt == participationT0.addingTimeInterval(500))
            #expect(!answered.answerDue)
            #expect(try await s.proposals.proposal(id: p2.id)?.reason == "중복입니다")
            #expect(try await s.proposals.pendingCount(residentID: r[0].id) == 1)
            #expect(
                try await s.auditLines(2) == [
                    "proposal.answer proposal \(p1.id) 증차하겠습니다", "proposal.reject proposal \(p2.id) 중복입니다",
                ])
        }
    }

    @Test(arguments: StoreKind.available)
    func aMergeCarriesSupportersAndTheAuthorOver(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let r = try await s.makeResidents(5)
            let closes = participationT0.addingTimeInterval(86_400)
            let target = try await Self.propose(s, "버스 증차", by: r[0], at: 0)
            let merged = try await Self.propose(s, "버스 더", by: r[3], at: 1)
            let pending = try await Self.propose(s, "대기", by: r[4], at: 2)
            for p in [target, merged] {
                try await s.proposals.publish(proposalID: p.id, threshold: 10, closesAt: closes, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            try await s.proposals.support(proposalID: target.id, residentID: r[1].id, now: participationT0)
            // r1 supports both (carried once), r4 is new, r0 is the target's author (left out).
            for resident in [r[1], r[4], r[0]] {
                try await s.proposals.support(proposalID: merged.id, residentID: resident.id, now: participationT0.addingTimeInterval(5))
            }
            await expectParticipationError(.invalidInput, "A proposal cannot be merged into itself") {
                _ = try await s.proposals.merge(
                    proposalID: merged.id, into: merged.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            await expectParticipationError(.invalidInput, "No proposal 999999 to merge into") {
                _ = try await s.proposals.merge(
                    proposalID: merged.id, into: 999_999, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            await expectParticipationError(.invalidInput) {
                _ = try await s.proposals.merge(
                    proposalID: merged.id, into: pending.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            await expectParticipationError(.invalidInput) {
                _ = try await s.proposals.merge(proposalID: merged.id, into: target.id, reason: nil, by: "kim", now: closes, audit: pAudit("x"))
            }
            await expectParticipationError(.notFound) {
                _ = try await s.proposals.merge(
                    proposalID: 999_999, into: target.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            let carried = try await s.proposals.merge(
                proposalID: merged.id, into: target.id, reason: "같은 제안", by: "kim", now: participationT0.addingTimeInterval(60),
                audit: pAudit("proposal.merge"))
            #expect(carried == 2)
            let after = try #require(try await s.proposals.proposal(id: merged.id))
            #expect(after.status == .merged && after.mergedInto == target.id && after.reason == "같은 제안")
            #expect(try await s.proposals.proposal(id: target.id)?.supporters == 3)
            for resident in [r[1], r[3], r[4]] { #expect(try await s.proposals.hasSupported(proposalID: target.id, residentID: resident.id)) }
            #expect(try await s.proposals.hasSupported(proposalID: target.id, residentID: r[0].id) == false)
            #expect(try await s.auditLines(1) == ["proposal.merge proposal \(merged.id) into proposal \(target.id), 2 supports carried over"])
            await expectParticipationError(.conflict, "Only a pending or published proposal can be merged") {
                _ = try await s.proposals.merge(
                    proposalID: merged.id, into: target.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            // A pending proposal merges too: only its author comes along.
            #expect(
                try await s.proposals.merge(proposalID: pending.id, into: target.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("x"))
                    == 0,
                "r4 supports the target already")
        }
    }

    @Test(arguments: StoreKind.available)
    func aPublishedProposalBecomesOneProject(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let r = try await s.makeResidents(1)
            let round = try await s.rounds.create(ParticipationBudgetContractTests.newRound(), createdBy: "kim", audit: pAudit("pb.create"))
            let district = round.districts[0].id
            let proposal = try await Self.propose(s, "버스 증차", by: r[0], at: 0)
            func project(_ code: String, _ proposalID: Int64?) -> NewProject {
                NewProject(districtID: district, code: code, title: "버스", proposedCost: 700, proposalID: proposalID)
            }
            await expectParticipationError(.invalidInput, "No proposal named") {
                _ = try await s.proposals.makeProject(project("A", nil), roundID: round.id, audit: pAudit("x"))
            }
            await expectParticipationError(.conflict, "Only a published proposal can become a PB project") {
                _ = try await s.proposals.makeProject(project("A", proposal.id), roundID: round.id, audit: pAudit("x"))
            }
            await expectParticipationError(.notFound) {
                _ = try await s.proposals.makeProject(project("A", 999_999), roundID: round.id, audit: pAudit("x"))
            }
            try await s.proposals.publish(
                proposalID: proposal.id, threshold: 5, closesAt: participationT0.addingTimeInterval(86_400), by: "kim", now: participationT0,
                audit: pAudit("x"))
            await expectParticipationError(.invalidInput, "No such PB round: 999999") {
                _ = try await s.proposals.makeProject(project("A", proposal.id), roundID: 999_999, audit: pAudit("x"))
            }
            let id = try await s.proposals.makeProject(project("A", proposal.id), roundID: round.id, audit: pAudit("proposal.project"))
            #expect(try await s.proposals.proposal(id: proposal.id)?.projectID == id)
            #expect(try await s.rounds.project(id: id)?.proposalID == proposal.id)
            #expect(try await s.auditLines(1) == ["proposal.project proposal \(proposal.id) pb-project \(id) in round \(round.id), 700 won"])
            await expectParticipationError(.conflict, "This proposal is already a project (project \(id))") {
                _ = try await s.proposals.makeProject(project("B", proposal.id), roundID: round.id, audit: pAudit("x"))
            }
            // A round past review takes no project.
            let other = try await Self.propose(s, "나무", by: r[0], at: 1)
            try await s.proposals.publish(
                proposalID: other.id, threshold: 5, closesAt: participationT0.addingTimeInterval(86_400), by: "kim", now: participationT0,
                audit: pAudit("x"))
            try await s.rounds.setPhase(roundID: round.id, phase: .voting, outcomes: [], audit: pAudit("x"))
            await expectParticipationError(.conflict, "Projects can be added only to a round taking proposals or under review") {
                _ = try await s.proposals.makeProject(project("C", other.id), roundID: round.id, audit: pAudit("x"))
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentSupportsMergesAndProjectsStayConsistent(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let r = try await s.makeResidents(41)
            let closes = participationT0.addingTimeInterval(86_400)
            let target = try await Self.propose(s, "버스 증차", by: r[20], at: 0)
            let merged = try await Self.propose(s, "버스 더", by: r[20], at: 1)
            for p in [target, merged] {
                try await s.proposals.publish(proposalID: p.id, threshold: 10, closesAt: closes, by: "kim", now: participationT0, audit: pAudit("x"))
            }
            // Twenty residents support at once, one of them six times: twenty supports.
            let supports = await participationConcurrently(25) { i in
                try await s.proposals.support(proposalID: target.id, residentID: r[i < 20 ? i : 0].id, now: participationT0)
            }
            #expect(supports.succeeded == 20 && supports.errors == Array(repeating: "conflict", count: 5))
            #expect(try await s.proposals.proposal(id: target.id)?.supporters == 20)

            // Supports of a proposal being merged: each lands before the merge (and is carried over) or is refused after it.
            let landed = Shared<[Int64]>([])
            let race = await participationConcurrently(21) { i in
                if i == 20 {
                    _ = try await s.proposals.merge(
                        proposalID: merged.id, into: target.id, reason: nil, by: "kim", now: participationT0, audit: pAudit("proposal.merge"))
                } else {
                    try await s.proposals.support(proposalID: merged.id, residentID: r[21 + i].id, now: participationT0)
                    landed.update { $0.append(r[21 + i].id) }
                }
            }
            #expect(race.errors.allSatisfy { $0 == "forbidden" }, "\(race.errors)")
            #expect(race.succeeded == 1 + landed.value.count)
            for resident in landed.value {
                #expect(try await s.proposals.hasSupported(proposalID: target.id, residentID: resident), "a support that landed is on the target")
            }
            #expect(try await s.number("SELECT COUNT(*) FROM proposalSupport WHERE proposalID = \(merged.id)") == landed.value.count)

            // Five servers turning one proposal into a project: one project.
            let round = try await s.rounds.create(ParticipationBudgetContractTests.newRound(), createdBy: "kim", audit: pAudit("pb.create"))
            let projects = await participationConcurrently(5) { i in
                _ = try await s.proposals.makeProject(
                    NewProject(districtID: round.districts[0].id, code: "P\(i)", title: "버스", proposedCost: 700, proposalID: target.id),
                    roundID: round.id,
                    audit: pAudit("proposal.project"))
            }
            #expect(projects.succeeded == 1 && projects.errors == Array(repeating: "conflict", count: 4))
            #expect(try await s.rounds.projects(roundID: round.id).count == 1)
        }
    }
}
