import Foundation
import MokminCore
import MokminParticipation

/// Participatory-budgeting rounds: districts, projects and their review, ballots (kept apart from who voted), the
/// stored outcome, and implementation tracking.
public protocol BudgetRoundRepository: Sendable {
    func create(_ round: NewRound, createdBy: String, audit: AuditEvent) async throws -> BudgetRound
    func rounds() async throws -> [BudgetRound]
    func round(id: Int64) async throws -> BudgetRound?
    /// Moves a round to `phase`; with `outcomes` (moving to results) stores each district's outcome in the same transaction.
    func setPhase(roundID: Int64, phase: RoundPhase, outcomes: [StoredOutcome], audit: AuditEvent) async throws
    func addProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> BudgetProject
    func projects(roundID: Int64) async throws -> [BudgetProject]
    func project(id: Int64) async throws -> BudgetProject?
    func review(projectID: Int64, feasibility: Feasibility, cost: Int64?, note: String, by: String, audit: AuditEvent) async throws
    func setStatus(projectID: Int64, status: ProjectStatus, audit: AuditEvent) async throws
    func addMilestone(projectID: Int64, title: String, dueDay: String, audit: AuditEvent) async throws
    func completeMilestone(id: Int64, doneDay: String?, audit: AuditEvent) async throws -> Int64
    /// Records that the resident voted in the round and, apart from it, one ballot per district, in one transaction;
    /// a second vote is a conflict (the "has voted" primary key decides).
    func cast(roundID: Int64, residentID: Int64, ballots: [(districtID: Int64, points: [Int64: Int])], emdCode: String, ageBand: AgeBand, now: Date)
        async throws
    func hasVoted(roundID: Int64, residentID: Int64) async throws -> Bool
    /// A district's ballots (project id → points or rank), in no meaningful order.
    func ballots(districtID: Int64) async throws -> [[Int64: Int]]
    /// Voters per 읍면동 (the live turnout map).
    func turnout(roundID: Int64) async throws -> [String: Int]
    func outcomes(roundID: Int64) async throws -> [StoredOutcome]
    /// An imported election in one transaction: the round (its voting over), its one district, the projects (feasible,
    /// at the file's costs) and the ballots (by project code). The caller then decides it like any round.
    func importRound(
        _ round: NewRound, projects: [NewProject], costs: [String: Int64], ballots: [[String: Int]], createdBy: String, audit: AuditEvent
    ) async throws -> BudgetRound
}

/// A district's outcome as computed when its round moved to results: the rule, the number of ballots and the
/// outcome with its explanation as JSON (written by the service, read back by the results page).
public struct StoredOutcome: Sendable, Hashable {
    public var districtID: Int64
    public var rule: String
    public var ballots: Int
    public var json: String
    public var computedAt: Date

    public init(districtID: Int64, rule: String, ballots: Int, json: String, computedAt: Date) {
        self.districtID = districtID
        self.rule = rule
        self.ballots = ballots
        self.json = json
        self.computedAt = computedAt
    }
}
