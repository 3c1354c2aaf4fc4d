import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminParticipation

/// The GRDB implementation of `PollRepository`.
public struct GRDBPollRepository: PollRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func create(_ poll: NewPoll, createdBy: String, audit: AuditEvent) async throws -> Poll {
        let p = try poll.validated()
        let id: Int64 = try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO poll (question, description, multipleChoice, maxChoices, opensAt, closesAt, minAge, liveResults, isNamed,
                      answerThreshold, createdBy, isDemo, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    p.question, p.description, p.multipleChoice, p.maxChoices, p.opensAt, p.closesAt, p.minAge, p.liveResults, p.isNamed,
                    p.answerThreshold, createdBy, p.isDemo, Date(),
                ])
            let id = db.lastInsertedRowID
            for (i, label) in p.options.enumerated() {
                try db.execute(sql: "INSERT INTO pollOption (pollID, position, label) VALUES (?, ?, ?)", arguments: [id, i + 1, label])
            }
            for area in p.areas { try db.execute(sql: "INSERT INTO pollArea (pollID, emdCode) VALUES (?, ?)", arguments: [id, area]) }
            var event = audit
            event.target = "poll \(id)"
            event.detail = p.question + (p.isNamed ? " (named)" : "")
            try AuditRecord(event).insert(db)
            return id
        }
        guard let created = try await self.poll(id: id) else { throw MokminError(.notFound, ko: "투표가 없습니다", en: "No such poll") }
        return created
    }

    static func polls(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [Poll] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT poll.*, (SELECT coalesce(SUM(ballots), 0) FROM pollTurnout WHERE pollID = poll.id) AS participants
                FROM poll \(clause) ORDER BY opensAt DESC, id DESC
                """, arguments: arguments)
        return try rows.map { row in
            let id: Int64 = row["id"]
            let options = try Row.fetchAll(db, sql: "SELECT * FROM pollOption WHERE pollID = ? ORDER BY position", arguments: [id]).map {
                PollOption(id: $0["id"], position: $0["position"], label: $0["label"])
            }
            let areas = try String.fetchAll(db, sql: "SELECT emdCode FROM pollArea WHERE pollID = ? ORDER BY emdCode", arguments: [id])
            return Poll(
                id: id, question: row["question"], description: row["description"], multipleChoice: row["multipleChoice"],
                maxChoices: row["maxChoices"], opensAt: row["opensAt"], closesAt: row["closesAt"], minAge: row["minAge"],
                liveResults: row["liveResults"], isNamed: row["isNamed"], answerThreshold: row["answerThreshold"], answer: row["answer"],
                answeredAt: row["answeredAt"], answeredBy: row["answeredBy"], areas: areas, options: options, createdBy: row["createdBy"],
                isDemo: row["isDemo"], participants: row["participants"])
        }
    }

    public func polls() async throws -> [Poll] {
        try await writer.read { db in try Self.polls(db, where: "", []) }
    }

    public func poll(id: Int64) async throws -> Poll? {
        try await writer.read { db in try Self.polls(db, where: "WHERE id = ?", [id]).first }
    }

    public func cast(pollID: Int64, residentID: Int64, choices: [Int64], emdCode: String, ageBand: AgeBand, named: Bool, now: Date) async throws {
        try await writer.write { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT opensAt <= ? AND closesAt > ? FROM poll WHERE id = ?", arguments: [now, now, pollID]) == true
            else {
                throw MokminError(.forbidden, ko: "지금은 이 투표에 참여할 수 없습니다", en: "This poll is not open")
            }
            do {
                try db.execute(sql: "INSERT INTO pollParticipation (pollID, residentID) VALUES (?, ?)", arguments: [pollID, residentID])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw MokminError(.conflict, ko: "이미 투표하셨습니다. 한 사람이 한 번 투표합니다", en: "You have voted already: one resident, one vote")
            }
            let ballotID = Data.randomBallotID()
            try db.execute(
                sql: "INSERT INTO pollBallot (id, pollID, emdCode, ageBand, residentID) VALUES (?, ?, ?, ?, ?)",
                arguments: [ballotID, pollID, emdCode, ageBand.rawValue, named ? residentID : nil])
            for option in choices {
                try db.execute(sql: "INSERT INTO pollBallotChoice (ballotID, optionID) VALUES (?, ?)", arguments: [ballotID, option])
                try db.execute(
                    sql: """
                        INSERT INTO pollTally (pollID, optionID, emdCode, ageBand, votes) VALUES (?, ?, ?, ?, 1)
                        ON CONFLICT DO UPDATE SET votes = votes + 1
                        """, arguments: [pollID, option, emdCode, ageBand.rawValue])
            }
            try db.execute(
                sql: """
                    INSERT INTO pollTurnout (pollID, emdCode, ageBand, ballots) VALUES (?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET ballots = ballots + 1
                    """, arguments: [pollID, emdCode, ageBand.rawValue])
        }
    }

    public func hasVoted(pollID: Int64, residentID: Int64) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM pollParticipation WHERE pollID = ? AND residentID = ?)", arguments: [pollID, residentID])
                ?? false
        }
    }

    /// From the tallies kept in the casting transaction (a few hundred rows, however many ballots).
    public func results(pollID: Int64) async throws -> PollResults {
        try await writer.read { db in
            var counts: [Int64: Int] = [:]
            var byArea: [String: [Int64: Int]] = [:], ballotsByArea: [String: Int] = [:]
            var byBand: [AgeBand: [Int64: Int]] = [:], ballotsByBand: [AgeBand: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT emdCode, ageBand, optionID, votes FROM pollTally WHERE pollID = ?", arguments: [pollID]) {
                let option: Int64 = row["optionID"], n: Int = row["votes"], emd: String = row["emdCode"]
                let band = AgeBand(rawValue: row["ageBand"]) ?? AgeBand(age: 0)
                counts[option, default: 0] += n
                byArea[emd, default: [:]][option, default: 0] += n
                byBand[band, default: [:]][option, default: 0] += n
            }
            var ballots = 0
            for row in try Row.fetchAll(db, sql: "SELECT emdCode, ageBand, ballots FROM pollTurnout WHERE pollID = ?", arguments: [pollID]) {
                let n: Int = row["ballots"]
                ballots += n
                ballotsByArea[row["emdCode"], default: 0] += n
                ballotsByBand[AgeBand(rawValue: row["ageBand"]) ?? AgeBand(age: 0), default: 0] += n
            }
            return PollResults(
                ballots: ballots, counts: counts, ballotsByArea: ballotsByArea, countsByArea: byArea, ballotsByAgeBand: ballotsByBand,
                countsByAgeBand: byBand)
        }
    }

    public func turnout(pollID: Int64) async throws -> [String: Int] {
        try await writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT emdCode, SUM(ballots) AS n FROM pollTurnout WHERE pollID = ? GROUP BY emdCode", arguments: [pollID]
                ).map { ($0["emdCode"] as String, $0["n"] as Int) })
        }
    }

    public func answer(pollID: Int64, text: String, by: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE poll SET answer = ?, answeredAt = ?, answeredBy = ? WHERE id = ?", arguments: [text, Date(), by, pollID])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 투표입니다: \(pollID)", en: "No such poll: \(pollID)") }
            var event = audit
            event.target = "poll \(pollID)"
            try AuditRecord(event).insert(db)
        }
    }

    public func namedBallots(pollID: Int64) async throws -> [(residentID: Int64, optionIDs: [Int64])] {
        try await writer.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT isNamed FROM poll WHERE id = ?", arguments: [pollID]) == true else { return [] }
            var ballots: [Int64: [Int64]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT b.residentID AS resident, c.optionID AS option FROM pollBallot b JOIN pollBallotChoice c ON c.ballotID = b.id
                    WHERE b.pollID = ? AND b.residentID IS NOT NULL
                    """, arguments: [pollID])
            {
                ballots[row["resident"], default: []].append(row["option"])
            }
            return ballots.keys.sorted().map { ($0, ballots[$0]!.sorted()) }
        }
    }
}

extension Data {
    /// A ballot's key: 16 random bytes, so that neither its value nor the table's order says when it was cast.
    static func randomBallotID() -> Data {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes)
    }
}
