import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminParticipation

/// The GRDB implementation of `BudgetRoundRepository`.
public struct GRDBBudgetRoundRepository: BudgetRoundRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func insert(_ r: NewRound, createdBy: String, db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO pbRound (title, description, phase, ballotKind, rule, minProjects, maxProjects, maxCost, maxPoints,
                  maxPointsPerProject, minAge, votingOpensAt, votingClosesAt, createdBy, isDemo, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                r.title, r.description, r.phase.rawValue, r.ballotKind.rawValue, r.rule, r.minProjects, r.maxProjects, r.maxCost, r.maxPoints,
                r.maxPointsPerProject, r.minAge, r.votingOpensAt, r.votingClosesAt, createdBy, r.isDemo, Date(),
            ])
        let id = db.lastInsertedRowID
        for d in r.districts {
            try db.execute(
                sql: "INSERT INTO pbDistrict (roundID, name, budget, isCityWide) VALUES (?, ?, ?, ?)",
                arguments: [id, d.name, d.budget, d.isCityWide])
            let districtID = db.lastInsertedRowID
            for area in d.areas {
                try db.execute(sql: "INSERT INTO pbDistrictArea (districtID, emdCode) VALUES (?, ?)", arguments: [districtID, area])
            }
        }
        return id
    }

    public func create(_ round: NewRound, createdBy: String, audit: AuditEvent) async throws -> BudgetRound {
        let r = try round.validated()
        let id: Int64 = try await writer.write { db in
            let id = try Self.insert(r, createdBy: createdBy, db: db)
            var event = audit
            event.target = "pb-round \(id)"
            event.detail = r.title
            try AuditRecord(event).insert(db)
            return id
        }
        return try await self.round(id: id)!
    }

    static func rounds(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [BudgetRound] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT pbRound.*, (SELECT COUNT(*) FROM pbParticipation WHERE roundID = pbRound.id) AS participants
                FROM pbRound \(clause) ORDER BY votingOpensAt DESC, id DESC
                """, arguments: arguments
        ).map { row in
            let id: Int64 = row["id"]
            let districts = try Row.fetchAll(db, sql: "SELECT * FROM pbDistrict WHERE roundID = ? ORDER BY isCityWide DESC, id", arguments: [id]).map
            {
                d in
                BudgetDistrict(
                    id: d["id"], name: d["name"], budget: d["budget"], isCityWide: d["isCityWide"],
                    areas: try String.fetchAll(
                        db, sql: "SELECT emdCode FROM pbDistrictArea WHERE districtID = ? ORDER BY emdCode", arguments: [d["id"] as Int64]))
            }
            return BudgetRound(
                id: id, title: row["title"], description: row["description"], phase: RoundPhase(rawValue: row["phase"]) ?? .proposals,
                ballotKind: RoundBallotKind(rawValue: row["ballotKind"]) ?? .approval, rule: row["rule"], minProjects: row["minProjects"],
                maxProjects: row["maxProjects"], maxCost: row["maxCost"], maxPoints: row["maxPoints"],
                maxPointsPerProject: row["maxPointsPerProject"],
                minAge: row["minAge"], votingOpensAt: row["votingOpensAt"], votingClosesAt: row["votingClosesAt"], createdBy: row["createdBy"],
                isDemo: row["isDemo"], districts: districts, participants: row["participants"])
        }
    }

    public func rounds() async throws -> [BudgetRound] { try await writer.read { db in try Self.rounds(db, where: "", []) } }

    public func round(id: Int64) async throws -> BudgetRound? {
        try await writer.read { db in try Self.rounds(db, where: "WHERE id = ?", [id]).first }
    }

    public func setPhase(roundID: Int64, phase: RoundPhase, outcomes: [StoredOutcome], audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE pbRound SET phase = ? WHERE id = ?", arguments: [phase.rawValue, roundID])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 사업 공모입니다: \(roundID)", en: "No such round: \(roundID)") }
            for o in outcomes {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO pbResult (districtID, roundID, rule, ballots, outcome, computedAt) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [o.districtID, roundID, o.rule, o.ballots, o.json, o.computedAt])
            }
            var event = audit
            event.target = "pb-round \(roundID)"
            event.detail = "phase=\(phase.rawValue)"
            try AuditRecord(event).insert(db)
        }
    }

    static func insertProject(_ p: NewProject, roundID: Int64, db: Database) throws -> Int64 {
        guard try Int64.fetchOne(db, sql: "SELECT roundID FROM pbDistrict WHERE id = ?", arguments: [p.districtID]) == roundID else {
            throw MokminError(.invalidInput, ko: "이 공모에 없는 권역입니다", en: "The district is not in this round")
        }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pbProject WHERE roundID = ? AND code = ?)", arguments: [roundID, p.code]) == true
        {
            throw MokminError(.conflict, ko: "이미 있는 사업 번호입니다: \(p.code)", en: "The project code is taken: \(p.code)")
        }
        try db.execute(
            sql: """
                INSERT INTO pbProject (roundID, districtID, code, title, description, category, emdCode, proposedCost, proposalID, isDemo)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [roundID, p.districtID, p.code, p.title, p.description, p.category, p.emdCode, p.proposedCost, p.proposalID, p.isDemo])
        return db.lastInsertedRowID
    }

    public func addProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> BudgetProject {
        let p = try project.validated()
        let id: Int64 = try await writer.write { db in
            let id = try Self.insertProject(p, roundID: roundID, db: db)
            var event = audit
            event.target = "pb-project \(id)"
            event.detail = p.title
            try AuditRecord(event).insert(db)
            return id
        }
        return try await self.project(id: id)!
    }

    static func projects(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [BudgetProject] {
        try Row.fetchAll(db, sql: "SELECT * FROM pbProject \(clause) ORDER BY districtID, code", arguments: arguments).map { row in
            let id: Int64 = row["id"]
            let milestones = try Row.fetchAll(db, sql: "SELECT * FROM pbProjectMilestone WHERE projectID = ? ORDER BY dueDay, id", arguments: [id])
                .map { ProjectMilestone(id: $0["id"], title: $0["title"], dueDay: $0["dueDay"], doneDay: $0["doneDay"]) }
            return BudgetProject(
                id: id, roundID: row["roundID"], districtID: row["districtID"], code: row["code"], title: row["title"],
                description: row["description"], category: row["category"], emdCode: row["emdCode"], proposedCost: row["proposedCost"],
                cost: row["cost"], feasibility: Feasibility(rawValue: row["feasibility"]) ?? .pending, reviewNote: row["reviewNote"],
                proposalID: row["proposalID"], status: ProjectStatus(rawValue: row["status"]) ?? .planned, milestones: milestones,
                isDemo: row["isDemo"])
        }
    }

    public func projects(roundID: Int64) async throws -> [BudgetProject] {
        try await writer.read { db in try Self.projects(db, where: "WHERE roundID = ?", [roundID]) }
    }

    public func project(id: Int64) async throws -> BudgetProject? {
        try await writer.read { db in try Self.projects(db, where: "WHERE id = ?", [id]).first }
    }

    public func review(projectID: Int64, feasibility: Feasibility, cost: Int64?, note: String, by: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE pbProject SET feasibility = ?, cost = ?, reviewNote = ?, reviewedBy = ? WHERE id = ?",
                arguments: [feasibility.rawValue, cost, note, by, projectID])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 사업입니다: \(projectID)", en: "No such project: \(projectID)") }
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "feasibility=\(feasibility.rawValue) cost=\(cost.map(String.init) ?? "-")"
            try AuditRecord(event).insert(db)
        }
    }

    public func setStatus(projectID: Int64, status: ProjectStatus, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE pbProject SET status = ? WHERE id = ?", arguments: [status.rawValue, projectID])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 사업입니다: \(projectID)", en: "No such project: \(projectID)") }
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "status=\(status.rawValue)"
            try AuditRecord(event).insert(db)
        }
    }

    public func addMilestone(projectID: Int64, title: String, dueDay: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO pbProjectMilestone (projectID, title, dueDay) VALUES (?, ?, ?)", arguments: [projectID, title, dueDay])
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "milestone \(title) due \(dueDay)"
            try AuditRecord(event).insert(db)
        }
    }

    public func completeMilestone(id: Int64, doneDay: String?, audit: AuditEvent) async throws -> Int64 {
        try await writer.write { db in
            guard let projectID = try Int64.fetchOne(db, sql: "SELECT projectID FROM pbProjectMilestone WHERE id = ?", arguments: [id]) else {
                throw MokminError(.notFound, ko: "없는 단계입니다: \(id)", en: "No such milestone: \(id)")
            }
            try db.execute(sql: "UPDATE pbProjectMilestone SET doneDay = ? WHERE id = ?", arguments: [doneDay, id])
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "milestone \(id) done=\(doneDay ?? "-")"
            try AuditRecord(event).insert(db)
            return projectID
        }
    }

    public func cast(
        roundID: Int64, residentID: Int64, ballots: [(districtID: Int64, points: [Int64: Int])], emdCode: String, ageBand: AgeBand, now: Date
    ) async throws {
        try await writer.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT phase = 'voting' AND votingOpensAt <= ? AND votingClosesAt > ? FROM pbRound WHERE id = ?",
                    arguments: [now, now, roundID]) == true
            else { throw MokminError(.forbidden, ko: "지금은 투표 기간이 아닙니다", en: "Voting is not open") }
            do {
                try db.execute(sql: "INSERT INTO pbParticipation (roundID, residentID) VALUES (?, ?)", arguments: [roundID, residentID])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw MokminError(.conflict, ko: "이미 투표하셨습니다. 한 사람이 한 번 투표합니다", en: "You have voted already: one resident, one vote")
            }
            for ballot in ballots {
                let id = Data.randomBallotID()
                try db.execute(
                    sql: "INSERT INTO pbBallot (id, roundID, districtID, emdCode, ageBand) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, roundID, ballot.districtID, emdCode, ageBand.rawValue])
                for (project, points) in ballot.points {
                    try db.execute(sql: "INSERT INTO pbBallotEntry (ballotID, projectID, points) VALUES (?, ?, ?)", arguments: [id, project, points])
                }
            }
        }
    }

    public func hasVoted(roundID: Int64, residentID: Int64) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM pbParticipation WHERE roundID = ? AND residentID = ?)", arguments: [roundID, residentID])
                ?? false
        }
    }

    public func ballots(districtID: Int64) async throws -> [[Int64: Int]] {
        try await writer.read { db in
            var ballots: [Data: [Int64: Int]] = [:]
            for id in try Data.fetchAll(db, sql: "SELECT id FROM pbBallot WHERE districtID = ?", arguments: [districtID]) { ballots[id] = [:] }
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT e.ballotID AS b, e.projectID AS p, e.points AS n FROM pbBallotEntry e JOIN pbBallot b ON b.id = e.ballotID WHERE b.districtID = ?",
                arguments: [districtID])
            {
                ballots[row["b"], default: [:]][row["p"]] = row["n"]
            }
            return ballots.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { ballots[$0]! }
        }
    }

    public func turnout(roundID: Int64) async throws -> [String: Int] {
        try await writer.read { db in
            var turnout: [String: Int] = [:]
            // Every voter leaves one ballot in each district they vote in, so the largest count per 읍면동 is its voters.
            for row in try Row.fetchAll(
                db, sql: "SELECT emdCode, districtID, COUNT(*) AS n FROM pbBallot WHERE roundID = ? GROUP BY emdCode, districtID",
                arguments: [roundID])
            {
                let emd: String = row["emdCode"]
                turnout[emd] = max(turnout[emd] ?? 0, row["n"])
            }
            return turnout
        }
    }

    public func outcomes(roundID: Int64) async throws -> [StoredOutcome] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pbResult WHERE roundID = ? ORDER BY districtID", arguments: [roundID]).map {
                StoredOutcome(
                    districtID: $0["districtID"], rule: $0["rule"], ballots: $0["ballots"], json: $0["outcome"], computedAt: $0["computedAt"])
            }
        }
    }

    public func importRound(
        _ round: NewRound, projects: [NewProject], costs: [String: Int64], ballots: [[String: Int]], createdBy: String, audit: AuditEvent
    ) async throws -> BudgetRound {
        let r = try round.validated()
        let checked = try projects.map { try $0.validated() }
        let id: Int64 = try await writer.write { db in
            let id = try Self.insert(r, createdBy: createdBy, db: db)
            guard let districtID = try Int64.fetchOne(db, sql: "SELECT id FROM pbDistrict WHERE roundID = ? ORDER BY id LIMIT 1", arguments: [id])
            else {
                throw MokminError(.invalidInput, ko: "권역이 없습니다", en: "The round has no district")
            }
            var ids: [String: Int64] = [:]
            for var p in checked {
                p.districtID = districtID
                let projectID = try Self.insertProject(p, roundID: id, db: db)
                ids[p.code] = projectID
                try db.execute(
                    sql: "UPDATE pbProject SET feasibility = 'feasible', cost = ?, reviewedBy = ? WHERE id = ?",
                    arguments: [costs[p.code] ?? p.proposedCost, createdBy, projectID])
            }
            for ballot in ballots {
                let ballotID = Data.randomBallotID()
                try db.execute(
                    sql: "INSERT INTO pbBallot (id, roundID, districtID, emdCode, ageBand) VALUES (?, ?, ?, '0000000000', 0)",
                    arguments: [ballotID, id, districtID])
                for (code, points) in ballot {
                    guard let projectID = ids[code] else {
                        throw MokminError(.invalidInput, ko: "없는 사업에 대한 표입니다: \(code)", en: "A vote for an unknown project: \(code)")
                    }
                    try db.execute(
                        sql: "INSERT INTO pbBallotEntry (ballotID, projectID, points) VALUES (?, ?, ?)", arguments: [ballotID, projectID, points])
                }
            }
            var event = audit
            event.target = "pb-round \(id)"
            event.detail = "imported \(r.title): \(checked.count) projects, \(ballots.count) ballots"
            try AuditRecord(event).insert(db)
            return id
        }
        return try await self.round(id: id)!
    }
}
