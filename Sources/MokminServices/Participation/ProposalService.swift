import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore

/// Which proposals a list shows (see ``ProposalRepository``).
public typealias ProposalFilter = MokminStore.ProposalFilter

/// One page of a proposal list.
public struct ProposalPage: Sendable {
    public var proposals: [Proposal]
    public var total: Int
    /// 1-based.
    public var page: Int
    public var pages: Int
}

/// Citizen proposals (국민생각함-style): a verified resident proposes; officials publish, merge or reject it; other
/// residents support it within its period; at its threshold an official answer is due; it may become a PB project.
///
/// The rules, in one place:
/// - **Who sees what.** Published proposals are public. A pending or rejected one is seen only by its author and by
///   officials; a merged one publicly only if it had been published before (else only by its author and officials).
/// - **Supports.** One per resident (the primary key decides; a second is a 409). A resident may **not** support their
///   own proposal: the threshold counts other residents who want the same thing. Supports are accepted only while
///   the proposal is published and its period has not closed, so a threshold reached counts within the period.
/// - **Threshold and period.** Set when publishing: by default ``defaultThreshold`` supports in ``defaultDays`` days;
///   an official may choose 1–100,000 supports and 1–365 days.
/// - **Merging** carries the merged proposal's supporters and its author to the target (each once; never the target's
///   own author); the target must be published and still open for support.
/// - **Flooding.** A resident may have at most ``maxPendingPerResident`` proposals awaiting moderation at a time.
/// - Every official action is audited (`proposal.publish`, `.merge`, `.reject`, `.answer`, `.project`).
public struct ProposalService: Sendable {
    let proposals: any ProposalRepository
    let rounds: any BudgetRoundRepository

    public static let defaultThreshold = 50
    public static let defaultDays = 30
    public static let thresholds = 1...100_000
    public static let periods = 1...365
    public static let maxPendingPerResident = 5
    public static let maxReason = 1_000
    public static let maxAnswer = 10_000
    public static let pageSize = 20
    /// The furthest page a list goes (20 × 500 = 10,000 proposals).
    public static let maxPage = 500

    public init(repositories: Repositories) {
        proposals = repositories.proposals
        rounds = repositories.budgetRounds
    }

    // MARK: Residents

    /// Stores `resident`'s proposal, pending moderation. The 읍면동 defaults to the resident's.
    public func propose(_ proposal: NewProposal, resident: Resident, isDemo: Bool = false, now: Date = Date()) async throws -> Proposal {
        var p = try proposal.validated()
        if p.emdCode == nil { p.emdCode = resident.emdCode }
        guard try await proposals.pendingCount(residentID: resident.id) < Self.maxPendingPerResident else {
            throw MokminError(
                .rateLimited, ko: "검토를 기다리는 제안이 이미 \(Self.maxPendingPerResident)건 있습니다. 검토가 끝난 뒤 다시 제안하세요",
                en: "You have \(Self.maxPendingPerResident) proposals awaiting moderation already: propose again once they are moderated")
        }
        return try await proposals.create(p, residentID: resident.id, isDemo: isDemo, now: now)
    }

    /// Records `resident`'s support (see the rules above).
    public func support(proposalID: Int64, resident: Resident, now: Date = Date()) async throws {
        if try await proposals.authorID(proposalID: proposalID) == resident.id {
            throw MokminError(.forbidden, ko: "자신의 제안에는 공감할 수 없습니다", en: "You cannot support your own proposal")
        }
        try await proposals.support(proposalID: proposalID, residentID: resident.id, now: now)
    }

    public func hasSupported(proposalID: Int64, resident: Resident) async throws -> Bool {
        try await proposals.hasSupported(proposalID: proposalID, residentID: resident.id)
    }

    public func isAuthor(proposalID: Int64, resident: Resident?) async throws -> Bool {
        guard let resident else { return false }
        return try await proposals.authorID(proposalID: proposalID) == resident.id
    }

    // MARK: Reading

    /// One page (1-based, at most ``maxPage``) of the proposals `filter` selects.
    public func list(_ filter: ProposalFilter, page: Int = 1, pageSize: Int = ProposalService.pageSize) async throws -> ProposalPage {
        let size = min(max(pageSize, 1), 100)
        let page = min(max(page, 1), Self.maxPage)
        let (found, total) = try await proposals.proposals(filter, limit: size, offset: (page - 1) * size)
        return ProposalPage(proposals: found, total: total, page: page, pages: max(1, (total + size - 1) / size))
    }

    /// Any proposal, for officials.
    public func proposal(_ id: Int64) async throws -> Proposal {
        guard let proposal = try await proposals.proposal(id: id) else {
            throw MokminError(.notFound, ko: "없는 제안입니다: \(id)", en: "No such proposal: \(id)")
        }
        return proposal
    }

    /// Whether the public sees `proposal` (its author and officials see every one of theirs).
    public static func isPublic(_ proposal: Proposal) -> Bool {
        proposal.status == .published || (proposal.status == .merged && proposal.publishedAt != nil)
    }

    /// The proposal as `resident` (or an official, `staff`) may see it; anyone else gets "not found", as if it did not
    /// exist.
    public func visible(_ id: Int64, resident: Resident?, staff: Bool) async throws -> Proposal {
        let proposal = try await proposal(id)
        if Self.isPublic(proposal) || staff { return proposal }
        if try await isAuthor(proposalID: id, resident: resident) { return proposal }
        throw MokminError(.notFound, ko: "없는 제안입니다: \(id)", en: "No such proposal: \(id)")
    }

    /// The photo of a proposal the asker may see, with its sniffed type.
    public func photo(_ id: Int64, resident: Resident?, staff: Bool) async throws -> (data: Data, type: String) {
        _ = try await visible(id, resident: resident, staff: staff)
        guard let photo = try await proposals.photo(proposalID: id) else {
            throw MokminError(.notFound, ko: "이 제안에는 사진이 없습니다", en: "This proposal has no photo")
        }
        return photo
    }

    // MARK: Officials

    public func publish(proposalID: Int64, threshold: Int?, days: Int?, actor: String, origin: String?, now: Date = Date()) async throws {
        let threshold = threshold ?? Self.defaultThreshold, days = days ?? Self.defaultDays
        guard Self.thresholds.contains(threshold) else {
            throw MokminError(.invalidInput, ko: "답변 기준 공감 수는 1–100,000입니다", en: "The support threshold is 1–100,000")
        }
        guard Self.periods.contains(days) else {
            throw MokminError(.invalidInput, ko: "공감 기간은 1–365일입니다", en: "The support period is 1–365 days")
        }
        try await proposals.publish(
            proposalID: proposalID, threshold: threshold, closesAt: now.addingTimeInterval(Double(days) * 86_400), by: actor, now: now,
            audit: AuditEvent(actor: actor, action: "proposal.publish", origin: origin, at: now))
    }

    /// Merges one proposal into another; returns how many supports the target gained.
    @discardableResult
    public func merge(proposalID: Int64, into targetID: Int64, reason: String?, actor: String, origin: String?, now: Date = Date()) async throws
        -> Int
    {
        let reason = try Self.text(reason ?? "", max: Self.maxReason, required: false, what: ("병합 사유", "The reason"))
        return try await proposals.merge(
            proposalID: proposalID, into: targetID, reason: reason, by: actor, now: now,
            audit: AuditEvent(actor: actor, action: "proposal.merge", origin: origin, at: now))
    }

    /// Rejects a proposal; the reason is required (its author reads it).
    public func reject(proposalID: Int64, reason: String, actor: String, origin: String?) async throws {
        guard let reason = try Self.text(reason, max: Self.maxReason, required: true, what: ("반려 사유", "The reason")) else { return }
        try await proposals.reject(
            proposalID: proposalID, reason: reason, by: actor, audit: AuditEvent(actor: actor, action: "proposal.reject", origin: origin))
    }

    /// Posts the official answer (due at the threshold; may be posted, or corrected, any time while published).
    public func answer(proposalID: Int64, text: String, actor: String, origin: String?, now: Date = Date()) async throws {
        guard let text = try Self.text(text, max: Self.maxAnswer, required: true, what: ("답변", "The answer")) else { return }
        try await proposals.answer(
            proposalID: proposalID, text: text, by: actor, now: now,
            audit: AuditEvent(actor: actor, action: "proposal.answer", origin: origin, at: now))
    }

    /// The PB rounds a proposal may become a project of: those taking proposals or under review.
    public func openRounds() async throws -> [BudgetRound] {
        try await rounds.rounds().filter { $0.phase == .proposals || $0.phase == .review }
    }

    /// Makes a published proposal a project of round `roundID` in district `districtID`, at the proposed `cost` (won).
    /// The round must be taking proposals or under review; a proposal becomes at most one project. Its code is
    /// `P<proposal id>`.
    public func toProject(proposalID: Int64, roundID: Int64, districtID: Int64, cost: Int64, actor: String, origin: String?) async throws
        -> BudgetProject
    {
        let proposal = try await proposal(proposalID)
        let project = NewProject(
            districtID: districtID, code: "P\(proposalID)", title: proposal.title, description: proposal.body, category: proposal.category,
            emdCode: proposal.emdCode, proposedCost: cost, proposalID: proposalID, isDemo: proposal.isDemo)
        let id = try await proposals.makeProject(
            project, roundID: roundID, audit: AuditEvent(actor: actor, action: "proposal.project", origin: origin))
        guard let made = try await rounds.project(id: id) else {
            throw MokminError(.notFound, ko: "없는 사업입니다: \(id)", en: "No such project: \(id)")
        }
        return made
    }

    /// A trimmed text of at most `max` characters; nil when empty and not `required`. The messages name the field
    /// first (`반려 사유: …`), as the parameter checks do.
    static func text(_ raw: String, max: Int, required: Bool, what: (ko: String, en: String)) throws -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            guard !required else { throw MokminError(.invalidInput, ko: "\(what.ko): 내용을 적어 주세요", en: "\(what.en) is required") }
            return nil
        }
        guard trimmed.count <= max else {
            throw MokminError(.invalidInput, ko: "\(what.ko): \(max)자까지 쓸 수 있습니다", en: "\(what.en) has at most \(max) characters")
        }
        return trimmed
    }
}
