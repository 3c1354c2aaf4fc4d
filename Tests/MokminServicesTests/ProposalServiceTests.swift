import Foundation
import MokminBase
import MokminCore
import MokminDemo
import MokminParticipation
import MokminTestSupport
import Testing

@testable import MokminServices

/// Citizen proposals through the service on a fresh database: the rules a resident and an official meet.
@Suite struct ProposalServiceTests {
    static let emd = "3611025000"
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    /// Services on a fresh database and `count` verified residents of one 읍면동.
    static func make(residents count: Int) async throws -> (AppServices, [Resident]) {
        let (database, _) = try await Fixtures.seededDatabase()
        let services = AppServices(database: database, bcryptCost: 4)
        let codes = try await services.residents.issueCodes(
            count: count, profile: ResidentProfile(emdCode: emd, birthYear: 1980, ageBand: nil), batch: "test", days: 7, actor: "admin1",
            origin: nil)
        var residents: [Resident] = []
        for code in codes { residents.append(try await services.residents.redeem(code: code, origin: nil)) }
        return (services, residents)
    }

    static func idea(_ title: String = "버스 정류장에 그늘막을 놓아 주세요") -> NewProposal {
        NewProposal(title: title, body: "여름에 햇볕이 뜨겁습니다.", category: "교통", emdCode: nil)
    }

    static func error(_ work: () async throws -> Void) async -> MokminError? {
        do { try await work() } catch let error as MokminError { return error } catch { return nil }
        return nil
    }

    @Test func aProposalIsModeratedSupportedOnceAndAnsweredAtItsThreshold() async throws {
        let (services, r) = try await Self.make(residents: 4)
        let proposals = services.proposals
        var proposed = Self.idea()
        proposed.photo = Self.png
        let p = try await proposals.propose(proposed, resident: r[0])
        #expect(p.status == .pending && p.hasPhoto && p.emdCode == Self.emd)
        // Pending: its author and officials see it, nobody else.
        #expect(try await proposals.visible(p.id, resident: r[0], staff: false).id == p.id)
        #expect(await Self.error { _ = try await proposals.visible(p.id, resident: r[1], staff: false) }?.kind == .notFound)
        #expect(try await proposals.photo(p.id, resident: nil, staff: true).type == "image/png")
        // Not yet published: no support.
        #expect(await Self.error { try await proposals.support(proposalID: p.id, resident: r[1]) }?.kind == .forbidden)

        try await proposals.publish(proposalID: p.id, threshold: 2, days: 30, actor: "official1", origin: "10.0.0.1")
        #expect(
            await Self.error { try await proposals.publish(proposalID: p.id, threshold: 2, days: 30, actor: "official1", origin: nil) }?.kind
                == .conflict)
        #expect(
            await Self.error { try await proposals.support(proposalID: p.id, resident: r[0]) }?.message.en == "You cannot support your own proposal")
        try await proposals.support(proposalID: p.id, resident: r[1])
        let again = await Self.error { try await proposals.support(proposalID: p.id, resident: r[1]) }
        #expect(again?.kind == .conflict && again?.message.ko.contains("이미 공감") == true)
        #expect(try await proposals.proposal(p.id).answerDue == false)
        try await proposals.support(proposalID: p.id, resident: r[2])
        let due = try await proposals.proposal(p.id)
        #expect(due.supporters == 2 && due.answerDue)
        #expect(try await proposals.list(ProposalFilter(answerDueOnly: true)).proposals.map(\.id) == [p.id])

        try await proposals.answer(proposalID: p.id, text: "  올여름 안에 설치하겠습니다.  ", actor: "official1", origin: nil)
        let answered = try await proposals.proposal(p.id)
        #expect(answered.answer == "올여름 안에 설치하겠습니다." && answered.answeredBy == "official1" && !answered.answerDue)
        // After the period, no support.
        let late = Date().addingTimeInterval(31 * 86_400)
        #expect(
            await Self.error { try await proposals.support(proposalID: p.id, resident: r[3], now: late) }?.message.en
                == "The support period has closed")

        let audit = try await services.repositories.audit.recent(limit: 50).filter { $0.action.hasPrefix("proposal.") }
        #expect(Set(audit.map(\.action)) == ["proposal.publish", "proposal.answer"])
        #expect(audit.allSatisfy { $0.target == "proposal \(p.id)" && $0.actor == "official1" })
    }

    @Test func mergingCarriesSupportersOnceAndLeavesTheTargetsAuthorOut() async throws {
        let (services, r) = try await Self.make(residents: 5)
        let proposals = services.proposals
        let target = try await proposals.propose(Self.idea("그늘막 설치"), resident: r[0])
        let duplicate = try await proposals.propose(Self.idea("정류장 그늘막"), resident: r[1])
        for p in [target, duplicate] { try await proposals.publish(proposalID: p.id, threshold: 10, days: nil, actor: "official1", origin: nil) }
        try await proposals.support(proposalID: target.id, resident: r[2])
        for resident in [r[0], r[2], r[3]] { try await proposals.support(proposalID: duplicate.id, resident: resident) }
        // r[0] (the target's author) and r[2] (already a supporter) are not added; r[3] and the duplicate's author r[1] are.
        let carried = try await proposals.merge(proposalID: duplicate.id, into: target.id, reason: "같은 내용", actor: "official1", origin: nil)
        #expect(carried == 2)
        #expect(try await proposals.proposal(target.id).supporters == 3)
        let merged = try await proposals.proposal(duplicate.id)
        #expect(merged.status == .merged && merged.mergedInto == target.id && merged.reason == "같은 내용")
        // Merged is final; a merge into itself or into a pending proposal is refused.
        #expect(
            await Self.error { _ = try await proposals.merge(proposalID: duplicate.id, into: target.id, reason: nil, actor: "o", origin: nil) }?.kind
                == .conflict)
        #expect(
            await Self.error { _ = try await proposals.merge(proposalID: target.id, into: target.id, reason: nil, actor: "o", origin: nil) }?.kind
                == .invalidInput)
        let pending = try await proposals.propose(Self.idea("세 번째"), resident: r[4])
        #expect(
            await Self.error { _ = try await proposals.merge(proposalID: target.id, into: pending.id, reason: nil, actor: "o", origin: nil) }?.kind
                == .invalidInput)
    }

    @Test func rejectingNeedsAReasonAndABadPhotoIsRefused() async throws {
        let (services, r) = try await Self.make(residents: 1)
        let proposals = services.proposals
        let p = try await proposals.propose(Self.idea(), resident: r[0])
        #expect(
            await Self.error { try await proposals.reject(proposalID: p.id, reason: "   ", actor: "official1", origin: nil) }?.kind == .invalidInput)
        try await proposals.reject(proposalID: p.id, reason: "개인 정보가 들어 있습니다", actor: "official1", origin: nil)
        #expect(try await proposals.proposal(p.id).status == .rejected)
        #expect(await Self.error { try await proposals.answer(proposalID: p.id, text: "답", actor: "official1", origin: nil) }?.kind == .conflict)

        var gif = Self.idea()
        gif.photo = Data("GIF89a-not-allowed".utf8)
        #expect(await Self.error { _ = try await proposals.propose(gif, resident: r[0]) }?.message.en == "A photo is a JPEG, PNG or WebP file")
        #expect(
            await Self.error { try await proposals.publish(proposalID: p.id, threshold: 0, days: 30, actor: "o", origin: nil) }?.kind == .invalidInput
        )
    }

    @Test func aResidentMayHaveFiveProposalsWaiting() async throws {
        let (services, r) = try await Self.make(residents: 1)
        for i in 1...ProposalService.maxPendingPerResident { _ = try await services.proposals.propose(Self.idea("제안 \(i)"), resident: r[0]) }
        #expect(await Self.error { _ = try await services.proposals.propose(Self.idea("여섯째"), resident: r[0]) }?.kind == .rateLimited)
    }

    @Test func aPublishedProposalBecomesOnePBProjectOfAnOpenRound() async throws {
        let (services, r) = try await Self.make(residents: 1)
        let proposals = services.proposals
        let rounds = services.repositories.budgetRounds
        let now = Date()
        let round = try await rounds.create(
            NewRound(
                title: "2026 주민참여예산", ballotKind: .approval, rule: "greedy", votingOpensAt: now.addingTimeInterval(86_400),
                votingClosesAt: now.addingTimeInterval(10 * 86_400), districts: [NewDistrict(name: "시 전체", budget: 1_000_000_000, isCityWide: true)]),
            createdBy: "admin1", audit: AuditEvent(actor: "admin1", action: "pb.create"))
        let district = try #require(round.districts.first)
        let p = try await proposals.propose(Self.idea(), resident: r[0])
        // Pending: not yet.
        #expect(
            await Self.error {
                _ = try await proposals.toProject(
                    proposalID: p.id, roundID: round.id, districtID: district.id, cost: 5_000_000, actor: "o", origin: nil)
            }?.kind == .conflict)
        try await proposals.publish(proposalID: p.id, threshold: nil, days: nil, actor: "official1", origin: nil)
        #expect(try await proposals.openRounds().map(\.id) == [round.id])
        let project = try await proposals.toProject(
            proposalID: p.id, roundID: round.id, districtID: district.id, cost: 5_000_000, actor: "official1", origin: nil)
        #expect(project.proposalID == p.id && project.code == "P\(p.id)" && project.title == p.title && project.proposedCost == 5_000_000)
        #expect(try await proposals.proposal(p.id).projectID == project.id)
        // Once only; and never into a round that is voting.
        #expect(
            await Self.error {
                _ = try await proposals.toProject(proposalID: p.id, roundID: round.id, districtID: district.id, cost: 1, actor: "o", origin: nil)
            }?.kind == .conflict)
        try await rounds.setPhase(roundID: round.id, phase: .voting, outcomes: [], audit: AuditEvent(actor: "admin1", action: "pb.phase"))
        #expect(try await proposals.openRounds().isEmpty)
    }

    @Test func theDemoHasAProposalInEveryStateOnce() async throws {
        let (database, _) = try await Fixtures.seededDatabase()
        let services = AppServices(database: database, bcryptCost: 4)
        try await services.regions.reload()
        #expect(try await ProposalDemo.seed(services: services))
        #expect(try await !ProposalDemo.seed(services: services))
        let all = try await services.proposals.list(ProposalFilter(statuses: []), pageSize: 100).proposals
        #expect(all.count == 7 && all.allSatisfy { $0.isDemo && $0.title.hasPrefix("[데모] ") })
        #expect(all.filter { $0.status == .pending }.count == 2)
        #expect(all.contains { $0.status == .published && !$0.answerDue && $0.answer == nil && $0.hasPhoto })
        #expect(all.contains { $0.answerDue })
        #expect(all.contains { $0.status == .published && $0.answer != nil })
        #expect(all.contains { $0.status == .merged } && all.contains { $0.status == .rejected })
        let photo = try #require(all.first { $0.hasPhoto })
        #expect(try await services.proposals.photo(photo.id, resident: nil, staff: false).type == "image/png")
    }
}
