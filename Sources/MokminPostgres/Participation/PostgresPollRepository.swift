import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `PollRepository`.
///
/// One vote per resident is the primary key of `pollParticipation`, whichever server the votes arrive at: a second
/// cast waits for the first's row and then fails on the key. The ballot is written apart from it, naming no resident
/// unless the poll is named (the schema's trigger refuses it otherwise), and the tallies are counted up in the casting
/// transaction by upserts (`votes = votes + 1`), taken in option order so that concurrent casts never deadlock.
public struct PostgresPollRepository: PollRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func create(_ poll: NewPoll, createdBy: String, audit: AuditEvent) async throws -> Poll {
        let p = try poll.validated()
        let id: Int64 = try await store.transaction { connection in
            let id = try await connection.query(
                """
                INSERT INTO poll (question, description, multiplechoice, maxchoices, opensat, closesat, minage, liveresults, isnamed,
                  answerthreshold, createdby, isdemo, createdat)
                VALUES (\(p.question), \(p.description), \(p.multipleChoice), \(p.maxChoices), \(p.opensAt), \(p.closesAt), \(p.minAge),
                  \(p.liveResults), \(p.isNamed), \(p.answerThreshold), \(createdBy), \(p.isDemo), \(Date()))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
            _ = try await connection.query(
                """
                INSERT INTO polloption (pollid, position, label)
                SELECT \(id), position, label FROM unnest(\(p.options)::text[]) WITH ORDINALITY AS o(label, position)
                """, logger: logger)
            _ = try await connection.query(
                "INSERT INTO pollarea (pollid, emdcode) SELECT \(id), unnest(\(p.areas)::text[])", logger: logger)
            var event = audit
            event.target = "poll \(id)"
            event.detail = p.question + (p.isNamed ? " (named)" : "")
            try await connection.record(event, logger: logger)
            return id
        }
        guard let created = try await self.poll(id: id) else { throw MokminError(.notFound, ko: "투표가 없습니다", en: "No such poll") }
        return created
    }

    typealias Columns = (Int64, String, String, Bool, Int, Date, Date, Int, Bool, Bool, Int?, String?, Date?, String?, String, Bool, Int)

    /// The polls `clause` selects (binding `$1` when it has one), newest opening first, with their options and areas.
    static func polls(_ connection: PostgresConnection, where clause: String, _ bindings: PostgresBindings, logger: Logger) async throws -> [Poll] {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT id, question, description, multiplechoice, maxchoices, opensat, closesat, minage, liveresults, isnamed,
                      answerthreshold, answer, answeredat, answeredby, createdby, isdemo,
                      (SELECT coalesce(sum(ballots), 0) FROM pollturnout WHERE pollid = poll.id)::bigint
                    FROM poll \(clause) ORDER BY opensat DESC, id DESC
                    """, binds: bindings), logger: logger
        ).decode(Columns.self).all()
        let ids = rows.map(\.0)
        var options: [Int64: [PollOption]] = [:], areas: [Int64: [String]] = [:]
        for try await (poll, id, position, label) in try await connection.query(
            "SELECT pollid, id, position, label FROM polloption WHERE pollid = ANY(\(ids)) ORDER BY pollid, position", logger: logger
        ).decode((Int64, Int64, Int, String).self) {
            options[poll, default: []].append(PollOption(id: id, position: position, label: label))
        }
        for try await (poll, emd) in try await connection.query(
            "SELECT pollid, emdcode FROM pollarea WHERE pollid = ANY(\(ids)) ORDER BY pollid, emdcode COLLATE \"C\"", logger: logger
        ).decode((Int64, String).self) {
            areas[poll, default: []].append(emd)
        }
        return rows.map { r in
            Poll(
                id: r.0, question: r.1, description: r.2, multipleChoice: r.3, maxChoices: r.4, opensAt: r.5, closesAt: r.6, minAge: r.7,
                liveResults: r.8, isNamed: r.9, answerThreshold: r.10, answer: r.11, answeredAt: r.12, answeredBy: r.13, areas: areas[r.0] ?? [],
                options: options[r.0] ?? [], createdBy: r.14, isDemo: r.15, participants: r.16)
        }
    }

    public func polls() async throws -> [Poll] {
        try await store.connection { connection in try await Self.polls(connection, where: "", PostgresBindings(), logger: logger) }
    }

    public func poll(id: Int64) async throws -> Poll? {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await store.connection { connection in try await Self.polls(connection, where: "WHERE id = $1", bindings, logger: logger).first }
    }

    public func cast(pollID: Int64, residentID: Int64, choices: [Int64], emdCode: String, ageBand: AgeBand, named: Bool, now: Date) async throws {
        try await store.transaction { connection in
            guard
                try await connection.query("SELECT opensat <= \(now) AND closesat > \(now) FROM poll WHERE id = \(pollID)", logger: logger)
                    .decode(Bool.self).firstElement() == true
            else {
                throw MokminError(.forbidden, ko: "지금은 이 투표에 참여할 수 없습니다", en: "This poll is not open")
            }
            do {
                _ = try await connection.query("INSERT INTO pollparticipation (pollid, residentid) VALUES (\(pollID), \(residentID))", logger: logger)
            } catch  where error.violatesConstraint {
                throw MokminError(.conflict, ko: "이미 투표하셨습니다. 한 사람이 한 번 투표합니다", en: "You have voted already: one resident, one vote")
            }
            let ballotID = randomBallotID()
            let resident: Int64? = named ? residentID : nil
            _ = try await connection.query(
                "INSERT INTO pollballot (id, pollid, emdcode, ageband, residentid) VALUES (\(ballotID), \(pollID), \(emdCode), \(ageBand.rawValue), \(resident))",
                logger: logger)
            // In option order: every cast takes the tally rows it counts up in the same order, so none waits on another in a circle.
            let options = choices.sorted()
            _ = try await connection.query(
                "INSERT INTO pollballotchoice (ballotid, optionid) SELECT \(ballotID), unnest(\(options)::bigint[])", logger: logger)
            _ = try await connection.query(
                """
                INSERT INTO polltally (pollid, optionid, emdcode, ageband, votes)
                SELECT \(pollID), o, \(emdCode), \(ageBand.rawValue), 1 FROM unnest(\(options)::bigint[]) AS o ORDER BY o
                ON CONFLICT (pollid, optionid, emdcode, ageband) DO UPDATE SET votes = polltally.votes + 1
                """, logger: logger)
            _ = try await connection.query(
                """
                INSERT INTO pollturnout (pollid, emdcode, ageband, ballots) VALUES (\(pollID), \(emdCode), \(ageBand.rawValue), 1)
                ON CONFLICT (pollid, emdcode, ageband) DO UPDATE SET ballots = pollturnout.ballots + 1
                """, logger: logger)
        }
    }

    public func hasVoted(pollID: Int64, residentID: Int64) async throws -> Bool {
        try await store.connection { connection in
            try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM pollparticipation WHERE pollid = \(pollID) AND residentid = \(residentID))", logger: logger
            ).decode(Bool.self).firstElement() ?? false
        }
    }

    /// From the tallies kept in the casting transaction (a few hundred rows, however many ballots).
    public func results(pollID: Int64) async throws -> PollResults {
        try await store.transaction { connection in
            var counts: [Int64: Int] = [:]
            var byArea: [String: [Int64: Int]] = [:], ballotsByArea: [String: Int] = [:]
            var byBand: [AgeBand: [Int64: Int]] = [:], ballotsByBand: [AgeBand: Int] = [:]
            // One snapshot for both tables, as the GRDB store reads them.
            _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            for try await (emd, rawBand, option, n) in try await connection.query(
                "SELECT emdcode, ageband, optionid, votes FROM polltally WHERE pollid = \(pollID)", logger: logger
            ).decode((String, Int, Int64, Int).self) {
                let band = AgeBand(rawValue: rawBand) ?? AgeBand(age: 0)
                counts[option, default: 0] += n
                byArea[emd, default: [:]][option, default: 0] += n
                byBand[band, default: [:]][option, default: 0] += n
            }
            var ballots = 0
            for try await (emd, rawBand, n) in try await connection.query(
                "SELECT emdcode, ageband, ballots FROM pollturnout WHERE pollid = \(pollID)", logger: logger
            ).decode((String, Int, Int).self) {
                ballots += n
                ballotsByArea[emd, default: 0] += n
                ballotsByBand[AgeBand(rawValue: rawBand) ?? AgeBand(age: 0), default: 0] += n
            }
            return PollResults(
                ballots: ballots, counts: counts, ballotsByArea: ballotsByArea, countsByArea: byArea, ballotsByAgeBand: ballotsByBand,
                countsByAgeBand: byBand)
        }
    }

    public func turnout(pollID: Int64) async throws -> [String: Int] {
        try await store.connection { connection in
            Dictionary(
                uniqueKeysWithValues: try await connection.query(
                    "SELECT emdcode, sum(ballots)::bigint FROM pollturnout WHERE pollid = \(pollID) GROUP BY emdcode", logger: logger
                ).decode((String, Int).self).all().map { ($0.0, $0.1) })
        }
    }

    public func answer(pollID: Int64, text: String, by: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let changed = try await connection.count(
                "UPDATE poll SET answer = \(text), answeredat = \(Date()), answeredby = \(by) WHERE id = \(pollID) RETURNING 1", logger: logger)
            guard changed > 0 else { throw MokminError(.notFound, ko: "없는 투표입니다: \(pollID)", en: "No such poll: \(pollID)") }
            var event = audit
            event.target = "poll \(pollID)"
            try await connection.record(event, logger: logger)
        }
    }

    public func namedBallots(pollID: Int64) async throws -> [(residentID: Int64, optionIDs: [Int64])] {
        try await store.connection { connection in
            guard try await connection.query("SELECT isnamed FROM poll WHERE id = \(pollID)", logger: logger).decode(Bool.self).firstElement() == true
            else { return [] }
            var ballots: [Int64: [Int64]] = [:]
            for try await (resident, option) in try await connection.query(
                """
                SELECT b.residentid, c.optionid FROM pollballot b JOIN pollballotchoice c ON c.ballotid = b.id
                WHERE b.pollid = \(pollID) AND b.residentid IS NOT NULL
                """, logger: logger
            ).decode((Int64, Int64).self) {
                ballots[resident, default: []].append(option)
            }
            return ballots.keys.sorted().map { ($0, ballots[$0]!.sorted()) }
        }
    }
}
