import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminParticipation
import MokminPostgres
import MokminStore
import MokminTestSupport
import PostgresNIO
import Testing

/// The participation repositories of one store under test (SQLite always, PostgreSQL when the tests have a server),
/// with fixtures made through the repositories themselves and a way to count rows straight from the tables.
struct ParticipationStore: Sendable {
    let residents: any ResidentRepository
    let polls: any PollRepository
    let rounds: any BudgetRoundRepository
    let proposals: any ProposalRepository
    let audit: any AuditLogRepository
    let sqlite: AppDatabase?
    let postgres: PostgresStore?

    static func with(_ kind: StoreKind, _ body: (ParticipationStore) async throws -> Void) async throws {
        try await kind.withStore { store in
            if let database = store.sqlite {
                try await body(
                    ParticipationStore(
                        residents: GRDBResidentRepository(database), polls: GRDBPollRepository(database), rounds: GRDBBudgetRoundRepository(database),
                        proposals: GRDBProposalRepository(database), audit: GRDBAuditLogRepository(database), sqlite: database, postgres: nil))
            } else if let postgres = store.postgres {
                try await body(
                    ParticipationStore(
                        residents: PostgresResidentRepository(postgres), polls: PostgresPollRepository(postgres),
                        rounds: PostgresBudgetRoundRepository(postgres), proposals: PostgresProposalRepository(postgres),
                        audit: PostgresAuditLogRepository(postgres), sqlite: nil, postgres: postgres))
            }
        }
    }

    /// The one number `sql` selects (written in SQL both stores read: unquoted identifiers, `COUNT(*)`).
    func number(_ sql: String) async throws -> Int {
        if let sqlite {
            return try await sqlite.writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
        }
        return try await postgres!.connection { connection in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.quiet).decode(Int.self) {
                return value
            }
            return 0
        }
    }

    /// `count` verified residents made from fresh one-time codes (batch `fixture`).
    func makeResidents(_ count: Int, emd: String = participationEmd1, birthYear: Int? = 1985, band: AgeBand? = nil) async throws -> [Resident] {
        let hashes = (0..<count).map { _ in randomHash() }
        let profile = ResidentProfile(emdCode: emd, birthYear: birthYear, ageBand: band)
        try await residents.issueCodes(
            hashes.map { ($0, profile) }, batch: "fixture", expiresAt: Date().addingTimeInterval(86_400), isDemo: false, audit: pAudit("codes.issue"))
        var made: [Resident] = []
        for hash in hashes { made.append(try #require(try await residents.redeemCode(codeHash: hash, now: Date()))) }
        return made
    }

    /// The most recent audit events, newest first, as "action target detail".
    func auditLines(_ limit: Int = 50) async throws -> [String] {
        try await audit.recent(limit: limit).map { "\($0.action) \($0.target ?? "-") \($0.detail ?? "-")" }
    }
}

let participationEmd1 = "3611051000"
let participationEmd2 = "3611052000"
/// A moment on a whole second, so that both stores give back exactly what they were given.
let participationT0 = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)

func pAudit(_ action: String) -> AuditEvent { AuditEvent(actor: "admin", action: action) }

/// A 64-character hex hash, as roster identifiers and codes are stored.
func randomHash() -> String { (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased() }

func expectParticipationError(
    _ kind: MokminError.Kind, _ english: String? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    let error = await #expect(throws: MokminError.self, sourceLocation: sourceLocation) { try await body() }
    #expect(error?.kind == kind, sourceLocation: sourceLocation)
    if let english { #expect(error?.message.en == english, sourceLocation: sourceLocation) }
}

/// Runs `body` `count` times at once and returns how many calls succeeded and the kinds of the errors the others threw.
func participationConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> (succeeded: Int, errors: [String]) {
    await withTaskGroup(of: String?.self) { group in
        for i in 0..<count {
            group.addTask {
                do {
                    try await body(i)
                    return nil
                } catch let error as MokminError {
                    return error.kind.rawValue
                } catch {
                    return "\(error)"
                }
            }
        }
        var succeeded = 0, errors: [String] = []
        for await result in group {
            if let result { errors.append(result) } else { succeeded += 1 }
        }
        return (succeeded, errors.sorted())
    }
}

/// Residents, their codes and sessions: the same behaviour on SQLite and PostgreSQL.
@Suite struct ParticipationResidentContractTests {
    @Test(arguments: StoreKind.available)
    func aRosterImportAddsOnceUpdatesAfterAndVerifies(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let a = randomHash(), b = randomHash(), c = randomHash()
            let first = try await s.residents.importRoster(
                [
                    (a, ResidentProfile(emdCode: participationEmd1, birthYear: 1980, ageBand: nil)),
                    (b, ResidentProfile(emdCode: participationEmd1, birthYear: nil, ageBand: AgeBand(rawValue: 30))),
                ], batch: "2026-1", isDemo: false, audit: pAudit("roster.import"))
            #expect(first == (2, 0))
            // A hash twice in one file: stored once, the later line wins and counts as an update.
            let second = try await s.residents.importRoster(
                [
                    (a, ResidentProfile(emdCode: participationEmd2, birthYear: 1981, ageBand: nil)),
                    (c, ResidentProfile(emdCode: participationEmd1, birthYear: 1990, ageBand: nil)),
                    (c, ResidentProfile(emdCode: participationEmd2, birthYear: nil, ageBand: AgeBand(rawValue: 0))),
                ], batch: "2026-2", isDemo: true, audit: pAudit("roster.import"))
            #expect(second == (1, 2))
            #expect(try await s.auditLines(2) == ["roster.import roster 2026-2 added=1 updated=2", "roster.import roster 2026-1 added=2 updated=0"])

            let verifiedA = try #require(try await s.residents.verifyRoster(identifierHash: a, now: participationT0))
            #expect(verifiedA.source == .roster && verifiedA.emdCode == participationEmd2 && verifiedA.birthYear == 1981 && !verifiedA.isDemo)
            let verifiedC = try #require(try await s.residents.verifyRoster(identifierHash: c, now: participationT0))
            #expect(
                verifiedC.emdCode == participationEmd2 && verifiedC.birthYear == nil && verifiedC.ageBand == AgeBand(rawValue: 0) && verifiedC.isDemo)
            #expect(
                try await s.residents.verifyRoster(identifierHash: a, now: participationT0.addingTimeInterval(60)) == verifiedA, "verifying again")
            #expect(try await s.residents.verifyRoster(identifierHash: randomHash(), now: participationT0) == nil)
            #expect(try await s.residents.resident(id: verifiedA.id) == verifiedA)
            #expect(try await s.residents.resident(id: 999_999) == nil)
            let summary = try await s.residents.summary(now: participationT0)
            #expect(summary.rosterResidents == 3 && summary.verifiedRosterResidents == 2 && summary.codeResidents == 0 && summary.batches.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentImportsOfOneRosterMakeEachResidentOnce(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let hashes = (0..<300).map { _ in randomHash() }
            let results = Shared<[(Int, Int)]>([])
            let outcome = await participationConcurrently(4) { i in
                let entries = (i % 2 == 0 ? hashes : hashes.reversed()).map {
                    ($0, ResidentProfile(emdCode: participationEmd1, birthYear: 1950 + i, ageBand: nil))
                }
                let counts = try await s.residents.importRoster(entries, batch: "b\(i)", isDemo: false, audit: pAudit("roster.import"))
                results.update { $0.append(counts) }
            }
            #expect(outcome.succeeded == 4 && outcome.errors.isEmpty, "\(outcome.errors)")
            #expect(results.value.map(\.0).reduce(0, +) == 300, "each resident is added once")
            #expect(results.value.map { $0.0 + $0.1 }.reduce(0, +) == 1200)
            let summary = try await s.residents.summary(now: participationT0)
            #expect(summary.rosterResidents == 300)
        }
    }

    @Test(arguments: StoreKind.available)
    func aCodeIsUsedOnceBeforeItExpires(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let expires = participationT0.addingTimeInterval(7 * 86_400)
            let codes = (0..<3).map { _ in randomHash() }
            try await s.residents.issueCodes(
                [
                    (codes[0], ResidentProfile(emdCode: participationEmd1, birthYear: 1985, ageBand: nil)),
                    (codes[1], ResidentProfile(emdCode: participationEmd2, birthYear: nil, ageBand: AgeBand(rawValue: 70))),
                    (codes[2], ResidentProfile(emdCode: participationEmd2, birthYear: 2000, ageBand: nil)),
                ], batch: "1월", expiresAt: expires, isDemo: true, audit: pAudit("codes.issue"))
            #expect(try await s.auditLines(1) == ["codes.issue codes 1월 issued=3"])
            let now = Date()
            let resident = try #require(try await s.residents.redeemCode(codeHash: codes[1], now: now))
            #expect(resident.source == .code && resident.emdCode == participationEmd2 && resident.birthYear == nil)
            #expect(resident.ageBand == AgeBand(rawValue: 70) && resident.isDemo)
            #expect(try await s.residents.resident(id: resident.id) == resident)
            #expect(try await s.residents.redeemCode(codeHash: codes[1], now: now) == nil, "a used code")
            #expect(try await s.residents.redeemCode(codeHash: randomHash(), now: now) == nil, "an unknown code")
            #expect(try await s.residents.redeemCode(codeHash: codes[0], now: expires) == nil, "an expired code")
            #expect(try await s.number("SELECT COUNT(*) FROM residentCode WHERE residentID = \(resident.id) AND usedAt IS NOT NULL") == 1)

            try await Task.sleep(for: .milliseconds(5))
            try await s.residents.issueCodes(
                [(randomHash(), ResidentProfile(emdCode: participationEmd1, birthYear: 1970, ageBand: nil))], batch: "2월",
                expiresAt: expires.addingTimeInterval(86_400), isDemo: false, audit: pAudit("codes.issue"))
            let summary = try await s.residents.summary(now: expires)
            #expect(summary.codeResidents == 1 && summary.rosterResidents == 0)
            #expect(
                summary.batches == [
                    CodeBatch(name: "2월", issued: 1, used: 0, expired: 0, expiresAt: expires.addingTimeInterval(86_400)),
                    CodeBatch(name: "1월", issued: 3, used: 1, expired: 2, expiresAt: expires),
                ], "newest batch first")
        }
    }

    @Test(arguments: StoreKind.available)
    func twentyServersRedeemingOneCodeMakeOneResident(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let code = randomHash()
            try await s.residents.issueCodes(
                [(code, ResidentProfile(emdCode: participationEmd1, birthYear: 1985, ageBand: nil))], batch: "race",
                expiresAt: Date().addingTimeInterval(3600), isDemo: false, audit: pAudit("codes.issue"))
            let made = Shared<[Int64]>([])
            let outcome = await participationConcurrently(20) { _ in
                if let resident = try await s.residents.redeemCode(codeHash: code, now: Date()) { made.update { $0.append(resident.id) } }
            }
            #expect(outcome.errors.isEmpty, "\(outcome.errors)")
            #expect(made.value.count == 1)
            #expect(try await s.number("SELECT COUNT(*) FROM resident") == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func sessionsAndTheOutboxKeepTheirOrder(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let resident = try await s.makeResidents(1)[0]
            try await s.residents.createSession(
                idHash: "live", residentID: resident.id, csrfToken: "c1", expiresAt: participationT0.addingTimeInterval(60))
            try await s.residents.createSession(idHash: "old", residentID: resident.id, csrfToken: "c2", expiresAt: participationT0)
            let found = try #require(try await s.residents.findSession(idHash: "live", now: participationT0))
            #expect(found.resident == resident && found.csrfToken == "c1")
            #expect(try await s.residents.findSession(idHash: "old", now: participationT0) == nil, "expired")
            #expect(try await s.residents.findSession(idHash: "none", now: participationT0) == nil)
            #expect(try await s.residents.deleteExpiredSessions(now: participationT0) == 1)
            try await s.residents.deleteSession(idHash: "live")
            #expect(try await s.residents.findSession(idHash: "live", now: participationT0) == nil)
            #expect(try await s.residents.deleteExpiredSessions(now: participationT0.addingTimeInterval(3600)) == 0)

            for i in 0..<3 {
                try await s.residents.recordMessage(
                    batch: "1월", recipient: "010-0000-000\(i)", body: "코드 \(i)", at: participationT0.addingTimeInterval(Double(i)))
            }
            #expect(
                try await s.residents.messages(limit: 2) == [
                    CodeMessage(batch: "1월", recipient: "010-0000-0002", body: "코드 2", sentAt: participationT0.addingTimeInterval(2)),
                    CodeMessage(batch: "1월", recipient: "010-0000-0001", body: "코드 1", sentAt: participationT0.addingTimeInterval(1)),
                ])
        }
    }
}

/// Polls: one vote per resident, secret ballots, tallies: the same behaviour on SQLite and PostgreSQL.
@Suite struct ParticipationPollContractTests {
    static func newPoll(named: Bool = false, opensAt: Date = participationT0.addingTimeInterval(-60), areas: [String] = []) -> NewPoll {
        NewPoll(
            question: "  시내버스 노선을 바꿀까요? ", description: "설명", options: ["찬성", " 반대 ", "보류"], multipleChoice: true, maxChoices: 2,
            opensAt: opensAt, closesAt: opensAt.addingTimeInterval(3600), minAge: 14, liveResults: true, isNamed: named, answerThreshold: 2,
            areas: areas)
    }

    @Test(arguments: StoreKind.available)
    func pollsAreCreatedListedAndAnswered(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let poll = try await s.polls.create(
                Self.newPoll(areas: [participationEmd2, participationEmd1]), createdBy: "kim", audit: pAudit("poll.create"))
            #expect(poll.question == "시내버스 노선을 바꿀까요?" && poll.description == "설명" && poll.multipleChoice && poll.maxChoices == 2)
            #expect(poll.options.map(\.label) == ["찬성", "반대", "보류"] && poll.options.map(\.position) == [1, 2, 3])
            #expect(poll.areas == [participationEmd1, participationEmd2] && poll.createdBy == "kim" && poll.participants == 0)
            #expect(poll.opensAt == participationT0.addingTimeInterval(-60) && poll.minAge == 14 && poll.answerThreshold == 2 && poll.answer == nil)
            let later = try await s.polls.create(
                Self.newPoll(named: true, opensAt: participationT0.addingTimeInterval(600)), createdBy: "lee", audit: pAudit("poll.create"))
            #expect(later.isNamed && later.areas.isEmpty)
            #expect(try await s.polls.polls() == [later, poll], "newest opening first")
            #expect(try await s.polls.poll(id: poll.id) == poll)
            #expect(try await s.polls.poll(id: 999_999) == nil)

            try await s.polls.answer(pollID: poll.id, text: "바꾸겠습니다", by: "kim", audit: pAudit("poll.answer"))
            let answered = try #require(try await s.polls.poll(id: poll.id))
            #expect(answered.answer == "바꾸겠습니다" && answered.answeredBy == "kim" && answered.answeredAt != nil)
            await expectParticipationError(.notFound, "No such poll: 999999") {
                try await s.polls.answer(pollID: 999_999, text: "x", by: "kim", audit: pAudit("poll.answer"))
            }
            #expect(
                try await s.auditLines(3) == [
                    "poll.answer poll \(poll.id) -", "poll.create poll \(later.id) 시내버스 노선을 바꿀까요? (named)",
                    "poll.create poll \(poll.id) 시내버스 노선을 바꿀까요?",
                ])
        }
    }

    @Test(arguments: StoreKind.available)
    func oneVotePerResidentSecretBallotsAndTallies(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let poll = try await s.polls.create(Self.newPoll(), createdBy: "kim", audit: pAudit("poll.create"))
            let (yes, no, wait) = (poll.options[0].id, poll.options[1].id, poll.options[2].id)
            let voters = try await s.makeResidents(3)
            let now = participationT0
            let forty = AgeBand(rawValue: 40)!, sixty = AgeBand(rawValue: 60)!
            try await s.polls.cast(
                pollID: poll.id, residentID: voters[0].id, choices: [no, yes], emdCode: participationEmd1, ageBand: forty, named: false, now: now)
            try await s.polls.cast(
                pollID: poll.id, residentID: voters[1].id, choices: [yes], emdCode: participationEmd2, ageBand: sixty, named: false, now: now)
            await expectParticipationError(.conflict, "You have voted already: one resident, one vote") {
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[0].id, choices: [wait], emdCode: participationEmd1, ageBand: forty, named: false, now: now)
            }
            await expectParticipationError(.forbidden, "This poll is not open") {
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[2].id, choices: [wait], emdCode: participationEmd1, ageBand: forty, named: false,
                    now: now.addingTimeInterval(3600))
            }
            await expectParticipationError(.forbidden, "This poll is not open") {
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[2].id, choices: [wait], emdCode: participationEmd1, ageBand: forty, named: false,
                    now: now.addingTimeInterval(-120))
            }
            await expectParticipationError(.forbidden) {
                try await s.polls.cast(
                    pollID: 999_999, residentID: voters[2].id, choices: [wait], emdCode: participationEmd1, ageBand: forty, named: false, now: now)
            }
            // A secret poll's ballot never names its voter: the schema refuses it, and nothing of the vote stays.
            await #expect(throws: (any Error).self) {
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[2].id, choices: [wait], emdCode: participationEmd1, ageBand: forty, named: true, now: now)
            }
            #expect(try await s.polls.hasVoted(pollID: poll.id, residentID: voters[2].id) == false)
            #expect(try await s.polls.hasVoted(pollID: poll.id, residentID: voters[0].id))
            #expect(try await s.number("SELECT COUNT(*) FROM pollBallot") == 2)
            #expect(try await s.number("SELECT COUNT(*) FROM pollBallot WHERE residentID IS NOT NULL") == 0)
            #expect(try await s.polls.namedBallots(pollID: poll.id).isEmpty)

            let results = try await s.polls.results(pollID: poll.id)
            #expect(results.ballots == 2 && results.counts == [yes: 2, no: 1])
            #expect(results.ballotsByArea == [participationEmd1: 1, participationEmd2: 1])
            #expect(results.countsByArea == [participationEmd1: [yes: 1, no: 1], participationEmd2: [yes: 1]])
            #expect(results.ballotsByAgeBand == [forty: 1, sixty: 1] && results.countsByAgeBand == [forty: [yes: 1, no: 1], sixty: [yes: 1]])
            #expect(try await s.polls.turnout(pollID: poll.id) == [participationEmd1: 1, participationEmd2: 1])
            #expect(try await s.polls.poll(id: poll.id)?.participants == 2)
            #expect(
                try await s.polls.results(pollID: 999_999)
                    == PollResults(ballots: 0, counts: [:], ballotsByArea: [:], countsByArea: [:], ballotsByAgeBand: [:], countsByAgeBand: [:]))

            // A named poll keeps who chose what.
            let named = try await s.polls.create(Self.newPoll(named: true), createdBy: "kim", audit: pAudit("poll.create"))
            for (i, voter) in voters.enumerated().reversed() {
                try await s.polls.cast(
                    pollID: named.id, residentID: voter.id, choices: i == 0 ? [named.options[2].id, named.options[0].id] : [named.options[1].id],
                    emdCode: participationEmd1, ageBand: forty, named: true, now: now)
            }
            let ballots = try await s.polls.namedBallots(pollID: named.id)
            #expect(ballots.map(\.residentID) == voters.map(\.id))
            #expect(ballots.map(\.optionIDs) == [[named.options[0].id, named.options[2].id], [named.options[1].id], [named.options[1].id]])
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentCastsCountEveryBallotOnceAndEachResidentOnce(_ kind: StoreKind) async throws {
        try await ParticipationStore.with(kind) { s in
            let poll = try await s.polls.create(Self.newPoll(), createdBy: "kim", audit: pAudit("poll.create"))
            let (yes, no) = (poll.options[0].id, poll.options[1].id)
            let voters = try await s.makeResidents(21)
            let band = AgeBand(rawValue: 30)!
            // Twenty residents at once, choosing the same two options in both orders, in two 읍면동.
            let many = await participationConcurrently(20) { i in
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[i].id, choices: i % 2 == 0 ? [yes, no] : [no, yes],
                    emdCode: i % 4 < 2 ? participationEmd1 : participationEmd2, ageBand: band, named: false, now: participationT0)
            }
            #expect(many.succeeded == 20 && many.errors.isEmpty, "\(many.errors)")
            // One resident ten times at once: one vote.
            let one = await participationConcurrently(10) { _ in
                try await s.polls.cast(
                    pollID: poll.id, residentID: voters[20].id, choices: [yes], emdCode: participationEmd1, ageBand: band, named: false,
                    now: participationT0)
            }
            #expect(one.succeeded == 1 && one.errors == Array(repeating: "conflict", count: 9))
            let results = try await s.polls.results(pollID: poll.id)
            #expect(results.ballots == 21 && results.counts == [yes: 21, no: 20])
            #expect(results.countsByArea == [participationEmd1: [yes: 11, no: 10], participationEmd2: [yes: 10, no: 10]])
            #expect(try await s.polls.turnout(pollID: poll.id) == [participationEmd1: 11, participationEmd2: 10])
            #expect(try await s.polls.poll(id: poll.id)?.participants == 21)
            #expect(try await s.number("SELECT COUNT(*) FROM pollParticipation") == 21)
        }
    }
}
