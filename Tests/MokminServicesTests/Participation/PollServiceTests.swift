import Foundation
import GRDB
import MokminBase
import MokminParticipation
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// Policy votes: one resident one vote under concurrent requests, ballots that cannot be tied to their voter, sealed
/// results, eligibility and closing times, results by 읍면동 and age band, and the answer threshold.
@Suite struct PollServiceTests {
    @Test(arguments: StoreKind.available) func fiftyConcurrentVotesOfOneResidentCountOnce(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let poll = try await kit.openPoll()
        let resident = try await kit.resident()
        let outcomes = await withTaskGroup(of: MokminError.Kind?.self) { group in
            for i in 0..<50 {
                group.addTask {
                    do {
                        try await kit.services.polls.vote(pollID: poll.id, choices: [poll.options[i % 2].id], resident: resident)
                        return nil
                    } catch let error as MokminError { return error.kind } catch { return .upstream }
                }
            }
            return await group.reduce(into: [MokminError.Kind?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == .conflict }.count == 49)
        let results = try await kit.services.polls.results(try await kit.services.polls.poll(poll.id))
        #expect(results?.ballots == 1)
        #expect(try await kit.services.polls.poll(poll.id).participants == 1)
    }

    @Test func fiftyResidentsVotingAtOnceAreAllCounted() async throws {
        let kit = try await ParticipationKit()
        defer { kit.close() }
        let poll = try await kit.openPoll()
        let residents = try await kit.residents(50)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, r) in residents.enumerated() {
                group.addTask { try await kit.services.polls.vote(pollID: poll.id, choices: [poll.options[i % 5 == 0 ? 1 : 0].id], resident: r) }
            }
            try await group.waitForAll()
        }
        let results = try #require(try await kit.services.polls.results(try await kit.services.polls.poll(poll.id)))
        #expect(results.ballots == 50 && results.counts[poll.options[0].id] == 40 && results.counts[poll.options[1].id] == 10)
        // The tallies kept while casting agree with a count of the ballots themselves.
        let recount: [Int64: Int] = try await kit.database.writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql:
                        "SELECT c.optionID AS o, COUNT(*) AS n FROM pollBallot b JOIN pollBallotChoice c ON c.ballotID = b.id WHERE b.pollID = ? GROUP BY c.optionID",
                    arguments: [poll.id]
                ).map { ($0["o"] as Int64, $0["n"] as Int) })
        }
        #expect(recount == results.counts)
        #expect(try await kit.services.polls.poll(poll.id).participants == 50)
    }

    /// The schema keeps who voted and what they chose apart: the only column both tables share is the poll, a ballot
    /// has no time and no insertion order (random key, WITHOUT ROWID), and a ballot of a secret poll cannot name a
    /// resident even through raw SQL.
    @Test func noPathLeadsFromABallotToItsVoter() async throws {
        let kit = try await ParticipationKit()
        defer { kit.close() }
        let poll = try await kit.openPoll()
        for (i, r) in try await kit.residents(12).enumerated() {
            try await kit.services.polls.vote(pollID: poll.id, choices: [poll.options[i % 2].id], resident: r)
        }
        try await kit.database.writer.write { db in
            let ballot = Set(try db.columns(in: "pollBallot").map(\.name))
            let choice = Set(try db.columns(in: "pollBallotChoice").map(\.name))
            let voted = Set(try db.columns(in: "pollParticipation").map(\.name))
            #expect(ballot == ["id", "pollID", "emdCode", "ageBand", "residentID"])
            #expect(voted == ["pollID", "residentID"])
            #expect(ballot.union(choice).intersection(voted) == ["pollID", "residentID"])
            // No time anywhere near a ballot, and no rowid to order them by.
            for table in ["pollBallot", "pollBallotChoice", "pollParticipation", "pbBallot", "pbBallotEntry", "pbParticipation"] {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
                #expect(sql.contains("WITHOUT ROWID"), "\(table) keeps a rowid")
                #expect(try db.columns(in: table).allSatisfy { !$0.name.lowercased().contains("at") || $0.name == "ageBand" })
            }
            #expect(Set(try db.columns(in: "pbBallot").map(\.name)).intersection(try db.columns(in: "pbParticipation").map(\.name)) == ["roundID"])
            // The one resident column is empty for a secret poll, and the database refuses to fill it.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pollBallot WHERE residentID IS NOT NULL") == 0)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE pollBallot SET residentID = (SELECT MIN(id) FROM resident)")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql:
                        "INSERT INTO pollBallot (id, pollID, emdCode, ageBand, residentID) VALUES (randomblob(16), ?, '3611051000', 30, (SELECT MIN(id) FROM resident))",
                    arguments: [poll.id])
            }
        }
        #expect(
            try await kit.services.polls.resultsTable(try await kit.services.polls.poll(poll.id), areaName: { $0 }).joined().joined().contains(
                "resident") == false)
    }

    @Test func aNamedPollKeepsWhoChoseWhat() async throws {
        let kit = try await ParticipationKit()
        defer { kit.close() }
        let poll = try await kit.openPoll(named: true)
        let r = try await kit.resident()
        try await kit.services.polls.vote(pollID: poll.id, choices: [poll.options[1].id], resident: r)
        let repository = GRDBPollRepository(kit.database)
        let named = try await repository.namedBallots(pollID: poll.id)
        #expect(named.count == 1 && named[0].residentID == r.id && named[0].optionIDs == [poll.options[1].id])
        // A secret poll has none to give.
        let secret = try await kit.openPoll()
        try await kit.services.polls.vote(pollID: secret.id, choices: [secret.options[0].id], resident: r)
        #expect(try await repository.namedBallots(pollID: secret.id).isEmpty)
    }

    @Test(arguments: StoreKind.available) func sealedResultsEligibilityAndClosingTimes(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let sealed = try await kit.openPoll(live: false, areas: ["3611051000"], minAge: 18)
        let adult = try await kit.resident(emd: "3611051000", birthYear: 1990)
        let young = try await kit.resident(emd: "3611051000", birthYear: LocalTime(Date()).year - 15)
        let elsewhere = try await kit.resident(emd: "3611052000", birthYear: 1990)
        try await kit.services.polls.vote(pollID: sealed.id, choices: [sealed.options[0].id], resident: adult)
        await #expect(throws: MokminError.self) {
            try await kit.services.polls.vote(pollID: sealed.id, choices: [sealed.options[0].id], resident: young)
        }
        await #expect(throws: MokminError.self) {
            try await kit.services.polls.vote(pollID: sealed.id, choices: [sealed.options[0].id], resident: elsewhere)
        }
        let stored = try await kit.services.polls.poll(sealed.id)
        #expect(try await kit.services.polls.results(stored) == nil)
        #expect(try await kit.services.polls.turnout(sealed.id) == ["3611051000": 1])
        await #expect(throws: MokminError.self) { try await kit.services.polls.resultsTable(stored, areaName: { $0 }) }
        // After closing: no more votes, and the results show.
        let later = stored.closesAt.addingTimeInterval(1)
        await #expect(throws: MokminError.self) {
            try await kit.services.polls.vote(pollID: sealed.id, choices: [sealed.options[0].id], resident: elsewhere, now: later)
        }
        #expect(try await kit.services.polls.results(stored, now: later)?.ballots == 1)
        // Before opening: refused.
        let early = stored.opensAt.addingTimeInterval(-10)
        await #expect(throws: MokminError.self) {
            try await kit.services.polls.vote(pollID: sealed.id, choices: [sealed.options[0].id], resident: elsewhere, now: early)
        }
    }

    @Test(arguments: StoreKind.available) func choicesAreCheckedAndResultsBreakDownByAreaAndAgeBand(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let poll = try await kit.openPoll(["버스", "자전거", "도보", "자가용"], multiple: true, maxChoices: 2)
        let r1 = try await kit.resident(emd: "3611051000", birthYear: 1990)
        let r2 = try await kit.resident(emd: "3611052000", birthYear: 1960)
        let o = poll.options.map(\.id)
        await #expect(throws: MokminError.self) { try await kit.services.polls.vote(pollID: poll.id, choices: [o[0], o[1], o[2]], resident: r1) }
        await #expect(throws: MokminError.self) { try await kit.services.polls.vote(pollID: poll.id, choices: [], resident: r1) }
        await #expect(throws: MokminError.self) { try await kit.services.polls.vote(pollID: poll.id, choices: [o[0], o[0]], resident: r1) }
        await #expect(throws: MokminError.self) { try await kit.services.polls.vote(pollID: poll.id, choices: [999_999], resident: r1) }
        // A refused ballot does not use up the vote.
        try await kit.services.polls.vote(pollID: poll.id, choices: [o[0], o[1]], resident: r1)
        try await kit.services.polls.vote(pollID: poll.id, choices: [o[0]], resident: r2)
        let results = try #require(try await kit.services.polls.results(try await kit.services.polls.poll(poll.id)))
        #expect(results.ballots == 2 && results.counts[o[0]] == 2 && results.counts[o[1]] == 1)
        #expect(results.ballotsByArea == ["3611051000": 1, "3611052000": 1])
        let year = LocalTime(Date()).year
        #expect(results.ballotsByAgeBand[AgeBand(age: year - 1990)] == 1 && results.ballotsByAgeBand[AgeBand(age: year - 1960)] == 1)
        #expect(results.countsByArea["3611051000"]?[o[1]] == 1)
    }

    @Test(arguments: StoreKind.available) func theAnswerThresholdMakesAnAnswerDue(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let poll = try await kit.openPoll(threshold: 2)
        for r in try await kit.residents(2) { try await kit.services.polls.vote(pollID: poll.id, choices: [poll.options[0].id], resident: r) }
        #expect(try await kit.services.polls.poll(poll.id).answerDue)
        await #expect(throws: MokminError.self) { try await kit.services.polls.answer(pollID: poll.id, text: "  ", actor: "kim", origin: nil) }
        try await kit.services.polls.answer(pollID: poll.id, text: "노선 개편을 내년 1월에 시행합니다.", actor: "kim", origin: nil)
        let answered = try await kit.services.polls.poll(poll.id)
        #expect(!answered.answerDue && answered.answer == "노선 개편을 내년 1월에 시행합니다." && answered.answeredBy == "kim")
    }
}
