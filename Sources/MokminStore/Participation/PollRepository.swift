import Foundation
import MokminCore
import MokminParticipation

/// Policy votes: polls, their ballots (kept apart from who voted) and results.
public protocol PollRepository: Sendable {
    func create(_ poll: NewPoll, createdBy: String, audit: AuditEvent) async throws -> Poll
    /// Every poll, newest opening first.
    func polls() async throws -> [Poll]
    func poll(id: Int64) async throws -> Poll?
    /// Records that `residentID` voted and, apart from it, the ballot, in one transaction. Throws a conflict when the
    /// resident has voted already (the primary key of the "has voted" table decides), and refuses a closed poll.
    /// `named` stores the resident on the ballot (only a named poll accepts it).
    func cast(pollID: Int64, residentID: Int64, choices: [Int64], emdCode: String, ageBand: AgeBand, named: Bool, now: Date) async throws
    func hasVoted(pollID: Int64, residentID: Int64) async throws -> Bool
    func results(pollID: Int64) async throws -> PollResults
    /// Ballots per 읍면동 (the live turnout, shown to staff even while results are sealed: it says nothing of the choices).
    func turnout(pollID: Int64) async throws -> [String: Int]
    func answer(pollID: Int64, text: String, by: String, audit: AuditEvent) async throws
    /// A named poll's ballots with their resident ids (a secret poll has none to give).
    func namedBallots(pollID: Int64) async throws -> [(residentID: Int64, optionIDs: [Int64])]
}
