import Foundation
import MokminCore
import MokminParticipation

/// Citizen proposals: what residents propose, the officials' moderation (publish, merge, reject), residents' supports
/// (one per resident, the primary key decides), the official answer, and the PB project a proposal becomes.
///
/// Every official's write is audited in its own transaction; a resident's proposal and support are not (the audit log
/// is the record of staff actions, and a support is a resident's own business).
public protocol ProposalRepository: Sendable {
    /// Stores a resident's proposal (already validated), pending moderation.
    func create(_ proposal: NewProposal, residentID: Int64, isDemo: Bool, now: Date) async throws -> Proposal
    /// One page of the proposals `filter` selects, with supporter counts, and how many it selects in all.
    /// `limit` is kept within 1–100 and `offset` within 0–1,000,000.
    func proposals(_ filter: ProposalFilter, limit: Int, offset: Int) async throws -> (proposals: [Proposal], total: Int)
    func proposal(id: Int64) async throws -> Proposal?
    /// The photo's bytes and the type sniffed when it was stored.
    func photo(proposalID: Int64) async throws -> (data: Data, type: String)?
    /// The resident who proposed it (nil when unknown or the resident was removed). Never shown publicly.
    func authorID(proposalID: Int64) async throws -> Int64?
    func hasSupported(proposalID: Int64, residentID: Int64) async throws -> Bool
    /// How many of the resident's proposals await moderation.
    func pendingCount(residentID: Int64) async throws -> Int
    /// Publishes a pending proposal: residents may support it until `closesAt`, and `threshold` supports make an
    /// official answer due.
    func publish(proposalID: Int64, threshold: Int, closesAt: Date, by: String, now: Date, audit: AuditEvent) async throws
    /// Merges a pending or published proposal into another published one that still accepts support, in one
    /// transaction: its supporters, and its author, become supporters of the target (each resident once; the target's
    /// own author is left out). Returns how many supports were added to the target.
    func merge(proposalID: Int64, into targetID: Int64, reason: String?, by: String, now: Date, audit: AuditEvent) async throws -> Int
    /// Rejects a pending or published proposal with the reason its author reads.
    func reject(proposalID: Int64, reason: String, by: String, audit: AuditEvent) async throws
    /// Records one resident's support. Refused unless the proposal is published and its period has not closed at
    /// `now`; a second support by the same resident is a conflict (the primary key decides).
    func support(proposalID: Int64, residentID: Int64, now: Date) async throws
    /// Posts (or corrects) the official answer of a published proposal.
    func answer(proposalID: Int64, text: String, by: String, now: Date, audit: AuditEvent) async throws
    /// Turns a published proposal into a project of a PB round that is still taking proposals or under review, in one
    /// transaction: the project names the proposal (`pbProject.proposalID`), so a proposal becomes at most one project.
    func makeProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> Int64
}

/// Which proposals a list shows, and in what order.
public struct ProposalFilter: Sendable, Hashable {
    public enum Order: String, Sendable, CaseIterable {
        /// Newest first (by publication, else by creation).
        case newest
        /// Oldest first: the moderation queue.
        case oldest
        /// Most supporters first.
        case supporters
    }

    public var statuses: [ProposalStatus]
    public var category: String?
    public var emdCode: String?
    /// Only those whose answer is due (published, threshold reached, no answer).
    public var answerDueOnly: Bool
    public var order: Order

    public init(
        statuses: [ProposalStatus] = [.published], category: String? = nil, emdCode: String? = nil, answerDueOnly: Bool = false,
        order: Order = .newest
    ) {
        self.statuses = statuses
        self.category = category
        self.emdCode = emdCode
        self.answerDueOnly = answerDueOnly
        self.order = order
    }
}
