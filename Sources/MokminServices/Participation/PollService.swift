import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore

/// Policy votes (세종의 뜻): administrators create them, residents vote once, everyone reads results when they are
/// not sealed, officials post the answer a poll is owed.
public struct PollService: Sendable {
    let polls: any PollRepository

    public init(repositories: Repositories) { polls = repositories.polls }

    public func create(_ poll: NewPoll, actor: String, origin: String?) async throws -> Poll {
        try await polls.create(poll, createdBy: actor, audit: AuditEvent(actor: actor, action: "poll.create", origin: origin))
    }

    public func list() async throws -> [Poll] { try await polls.polls() }

    public func poll(_ id: Int64) async throws -> Poll {
        guard let poll = try await polls.poll(id: id) else {
            throw MokminError(.notFound, ko: "없는 투표입니다: \(id)", en: "No such poll: \(id)")
        }
        return poll
    }

    /// Casts `resident`'s ballot: eligibility and choices are checked, then the "has voted" row and the ballot are
    /// stored apart in one transaction (a second vote is a conflict).
    public func vote(pollID: Int64, choices: [Int64], resident: Resident, now: Date = Date()) async throws {
        let poll = try await poll(pollID)
        if let refusal = poll.refusal(for: resident, at: now) { throw refusal }
        try poll.validate(choices: choices)
        try await polls.cast(
            pollID: pollID, residentID: resident.id, choices: choices.sorted(), emdCode: resident.emdCode,
            ageBand: resident.band(inYear: LocalTime(now).year), named: poll.isNamed, now: now)
    }

    public func hasVoted(pollID: Int64, resident: Resident) async throws -> Bool {
        try await polls.hasVoted(pollID: pollID, residentID: resident.id)
    }

    /// The results, or nil while they are sealed. `staff` sees the same: a sealed poll is sealed for everyone until it
    /// closes (only the turnout, `Poll.participants`, shows).
    public func results(_ poll: Poll, now: Date = Date()) async throws -> PollResults? {
        guard poll.resultsVisible(at: now) else { return nil }
        return try await polls.results(pollID: poll.id)
    }

    /// Ballots per 읍면동 (staff's live turnout; no choices).
    public func turnout(_ pollID: Int64) async throws -> [String: Int] { try await polls.turnout(pollID: pollID) }

    /// Posts the official answer (due once participation reached the threshold; may be posted any time).
    public func answer(pollID: Int64, text: String, actor: String, origin: String?) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...10_000).contains(trimmed.count) else {
            throw MokminError(.invalidInput, ko: "답변은 1–10,000자입니다", en: "An answer has 1–10,000 characters")
        }
        _ = try await poll(pollID)
        try await polls.answer(pollID: pollID, text: trimmed, by: actor, audit: AuditEvent(actor: actor, action: "poll.answer", origin: origin))
    }

    /// The results as CSV rows (option, votes, share; then per 읍면동 and per age band). Sealed results cannot be exported.
    public func resultsTable(_ poll: Poll, areaName: (String) -> String, now: Date = Date()) async throws -> [[String]] {
        guard let results = try await results(poll, now: now) else {
            throw MokminError(.forbidden, ko: "마감 전에는 결과를 볼 수 없는 투표입니다", en: "The results are sealed until the poll closes")
        }
        var rows: [[String]] = [["구분/breakdown", "값/value", "선택지/option", "표/votes", "투표자/ballots"]]
        for o in poll.options { rows.append(["전체/all", "", o.label, String(results.counts[o.id] ?? 0), String(results.ballots)]) }
        for area in results.ballotsByArea.keys.sorted() {
            for o in poll.options {
                rows.append([
                    "읍면동/emd", "\(area) \(areaName(area))", o.label, String(results.countsByArea[area]?[o.id] ?? 0),
                    String(results.ballotsByArea[area] ?? 0),
                ])
            }
        }
        for band in results.ballotsByAgeBand.keys.sorted() {
            for o in poll.options {
                rows.append([
                    "연령대/age", band.label.ko, o.label, String(results.countsByAgeBand[band]?[o.id] ?? 0), String(results.ballotsByAgeBand[band] ?? 0),
                ])
            }
        }
        return rows
    }
}
