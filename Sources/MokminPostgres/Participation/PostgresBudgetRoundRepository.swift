import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import NIOCore
import PostgresNIO

/// The PostgreSQL implementation of `BudgetRoundRepository`.
///
/// One vote per resident and round is the primary key of `pbParticipation`; a project code is unique in its round by
/// the schema (`INSERT … ON CONFLICT DO NOTHING` turns a taken code into the same conflict the GRDB store reports,
/// even when two servers add it at once).
public struct PostgresBudgetRoundRepository: BudgetRoundRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static func insert(_ r: NewRound, createdBy: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let id = try await connection.query(
            """
            INSERT INTO pbround (title, description, phase, ballotkind, rule, minprojects, maxprojects, maxcost, maxpoints,
              maxpointsperproject, minage, votingopensat, votingclosesat, createdby, isdemo, createdat)
            VALUES (\(r.title), \(r.description), \(r.phase.rawValue), \(r.ballotKind.rawValue), \(r.rule), \(r.minProjects), \(r.maxProjects),
              \(r.maxCost), \(r.maxPoints), \(r.maxPointsPerProject), \(r.minAge), \(r.votingOpensAt), \(r.votingClosesAt), \(createdBy),
              \(r.isDemo), \(Date()))
            RETURNING id
            """, logger: logger
        ).decode(Int64.self).firstElement()!
        for d in r.districts {
            let districtID = try await connection.query(
                "INSERT INTO pbdistrict (roundid, name, budget, iscitywide) VALUES (\(id), \(d.name), \(d.budget), \(d.isCityWide)) RETURNING id",
                logger: logger
            ).decode(Int64.self).firstElement()!
            _ = try await connection.query(
                "INSERT INTO pbdistrictarea (districtid, emdcode) SELECT \(districtID), unnest(\(d.areas)::text[])", logger: logger)
        }
        return id
    }

    public func create(_ round: NewRound, createdBy: String, audit: AuditEvent) async throws -> BudgetRound {
        let r = try round.validated()
        let id: Int64 = try await store.transaction { connection in
            let id = try await Self.insert(r, createdBy: createdBy, connection, logger: logger)
            var event = audit
            event.target = "pb-round \(id)"
            event.detail = r.title
            try await connection.record(event, logger: logger)
            return id
        }
        return try await self.round(id: id)!
    }

    typealias RoundColumns = (Int64, String, String, String, String, String, Int, Int?, Int64?, Int?, Int?, Int, Date, Date, String, Bool, Int)

    /// The rounds `clause` selects (binding `$1` when it has one), latest voting first, with their districts.
    static func rounds(_ connection: PostgresConnection, where clause: String, _ bindings: PostgresBindings, logger: Logger) async throws
        -> [BudgetRound]
    {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT id, title, description, phase, ballotkind, rule, minprojects, maxprojects, maxcost, maxpoints, maxpointsperproject,
                      minage, votingopensat, votingclosesat, createdby, isdemo,
                      (SELECT count(*) FROM pbparticipation WHERE roundid = pbround.id)
                    FROM pbround \(clause) ORDER BY votingopensat DESC, id DESC
                    """, binds: bindings), logger: logger
        ).decode(RoundColumns.self).all()
        let ids = rows.map(\.0)
        var areas: [Int64: [String]] = [:]
        for try await (district, emd) in try await connection.query(
            """
            SELECT a.districtid, a.emdcode FROM pbdistrictarea a JOIN pbdistrict d ON d.id = a.districtid
            WHERE d.roundid = ANY(\(ids)) ORDER BY a.districtid, a.emdcode COLLATE "C"
            """, logger: logger
        ).decode((Int64, String).self) {
            areas[district, default: []].append(emd)
        }
        var districts: [Int64: [BudgetDistrict]] = [:]
        for try await (round, id, name, budget, cityWide) in try await connection.query(
            "SELECT roundid, id, name, budget, iscitywide FROM pbdistrict WHERE roundid = ANY(\(ids)) ORDER BY roundid, iscitywide DESC, id",
            logger: logger
        ).decode((Int64, Int64, String, Int64, Bool).self) {
            districts[round, default: []].append(BudgetDistrict(id: id, name: name, budget: budget, isCityWide: cityWide, areas: areas[id] ?? []))
        }
        return rows.map { r in
            BudgetRound(
                id: r.0, title: r.1, description: r.2, phase: RoundPhase(rawValue: r.3) ?? .proposals,
                ballotKind: RoundBallotKind(rawValue: r.4) ?? .approval, rule: r.5, minProjects: r.6, maxProjects: r.7, maxCost: r.8,
                maxPoints: r.9, maxPointsPerProject: r.10, minAge: r.11, votingOpensAt: r.12, votingClosesAt: r.13, createdBy: r.14, isDemo: r.15,
                districts: districts[r.0] ?? [], participants: r.16)
        }
    }

    public func rounds() async throws -> [BudgetRound] {
        try await store.connection { connection in try await Self.rounds(connection, where: "", PostgresBindings(), logger: logger) }
    }

    public func round(id: Int64) async throws -> BudgetRound? {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await store.connection { connection in try await Self.rounds(connection, where: "WHERE id = $1", bindings, logger: logger).first }
    }

    public func setPhase(roundID: Int64, phase: RoundPhase, outcomes: [StoredOutcome], audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let changed = try await connection.count("UPDATE pbround SET phase = \(phase.rawValue) WHERE id = \(roundID) RETURNING 1", logger: logger)
            guard changed > 0 else { throw MokminError(.notFound, ko: "없는 사업 공모입니다: \(roundID)", en: "No such round: \(roundID)") }
            for o in outcomes {
                // SQLite's INSERT OR REPLACE: the district's earlier outcome is replaced whole.
                _ = try await connection.query(
                    """
                    INSERT INTO pbresult (districtid, roundid, rule, ballots, outcome, computedat)
                    VALUES (\(o.districtID), \(roundID), \(o.rule), \(o.ballots), \(o.json), \(o.computedAt))
                    ON CONFLICT (districtid) DO UPDATE SET roundid = excluded.roundid, rule = excluded.rule, ballots = excluded.ballots,
                      outcome = excluded.outcome, computedat = excluded.computedat
                    """, logger: logger)
            }
            var event = audit
            event.target = "pb-round \(roundID)"
            event.detail = "phase=\(phase.rawValue)"
            try await connection.record(event, logger: logger)
        }
    }

    /// Adds a validated project to a round, in the caller's transaction: refused when its district is in another round,
    /// a conflict when its code is taken in the round.
    static func insertProject(_ p: NewProject, roundID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        guard
            try await connection.query("SELECT roundid FROM pbdistrict WHERE id = \(p.districtID)", logger: logger).decode(Int64.self)
                .firstElement() == roundID
        else {
            throw MokminError(.invalidInput, ko: "이 공모에 없는 권역입니다", en: "The district is not in this round")
        }
        guard
            let id = try await connection.query(
                """
                INSERT INTO pbproject (roundid, districtid, code, title, description, category, emdcode, proposedcost, proposalid, isdemo)
                VALUES (\(roundID), \(p.districtID), \(p.code), \(p.title), \(p.description), \(p.category), \(p.emdCode), \(p.proposedCost),
                  \(p.proposalID), \(p.isDemo))
                ON CONFLICT (roundid, code) DO NOTHING
                RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()
        else {
            throw MokminError(.conflict, ko: "이미 있는 사업 번호입니다: \(p.code)", en: "The project code is taken: \(p.code)")
        }
        return id
    }

    public func addProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> BudgetProject {
        let p = try project.validated()
        let id: Int64 = try await store.transaction { connection in
            let id = try await Self.insertProject(p, roundID: roundID, connection, logger: logger)
            var event = audit
            event.target = "pb-project \(id)"
            event.detail = p.title
            try await connection.record(event, logger: logger)
            return id
        }
        return try await self.project(id: id)!
    }

    typealias ProjectColumns = (Int64, Int64, Int64, String, String, String, String, String?, Int64, Int64?, String, String, Int64?, String, Bool)

    /// The projects `clause` selects (binding `$1`), by district and code, with their milestones.
    static func projects(_ connection: PostgresConnection, where clause: String, _ bindings: PostgresBindings, logger: Logger) async throws
        -> [BudgetProject]
    {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT id, roundid, districtid, code, title, description, category, emdcode, proposedcost, cost, feasibility, reviewnote,
                      proposalid, status, isdemo
                    FROM pbproject \(clause) ORDER BY districtid, code COLLATE "C"
                    """, binds: bindings), logger: logger
        ).decode(ProjectColumns.self).all()
        var milestones: [Int64: [ProjectMilestone]] = [:]
        for try await (project, id, title, due, done) in try await connection.query(
            """
            SELECT projectid, id, title, dueday, doneday FROM pbprojectmilestone WHERE projectid = ANY(\(rows.map(\.0)))
            ORDER BY projectid, dueday COLLATE "C", id
            """, logger: logger
        ).decode((Int64, Int64, String, String, String?).self) {
            milestones[project, default: []].append(ProjectMilestone(id: id, title: title, dueDay: due, doneDay: done))
        }
        return rows.map { r in
            BudgetProject(
                id: r.0, roundID: r.1, districtID: r.2, code: r.3, title: r.4, description: r.5, category: r.6, emdCode: r.7, proposedCost: r.8,
                cost: r.9, feasibility: Feasibility(rawValue: r.10) ?? .pending, reviewNote: r.11, proposalID: r.12,
                status: ProjectStatus(rawValue: r.13) ?? .planned, milestones: milestones[r.0] ?? [], isDemo: r.14)
        }
    }

    public func projects(roundID: Int64) async throws -> [BudgetProject] {
        var bindings = PostgresBindings()
        bindings.append(roundID)
        return try await store.connection { connection in try await Self.projects(connection, where: "WHERE roundid = $1", bindings, logger: logger) }
    }

    public func project(id: Int64) async throws -> BudgetProject? {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await store.connection { connection in try await Self.projects(connection, where: "WHERE id = $1", bindings, logger: logger).first
        }
    }

    public func review(projectID: Int64, feasibility: Feasibility, cost: Int64?, note: String, by: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let changed = try await connection.count(
                """
                UPDATE pbproject SET feasibility = \(feasibility.rawValue), cost = \(cost), reviewnote = \(note), reviewedby = \(by)
                WHERE id = \(projectID) RETURNING 1
                """, logger: logger)
            guard changed > 0 else { throw MokminError(.notFound, ko: "없는 사업입니다: \(projectID)", en: "No such project: \(projectID)") }
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "feasibility=\(feasibility.rawValue) cost=\(cost.map(String.init) ?? "-")"
            try await connection.record(event, logger: logger)
        }
    }

    public func setStatus(projectID: Int64, status: ProjectStatus, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let changed = try await connection.count(
                "UPDATE pbproject SET status = \(status.rawValue) WHERE id = \(projectID) RETURNING 1", logger: logger)
            guard changed > 0 else { throw MokminError(.notFound, ko: "없는 사업입니다: \(projectID)", en: "No such project: \(projectID)") }
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "status=\(status.rawValue)"
            try await connection.record(event, logger: logger)
        }
    }

    public func addMilestone(projectID: Int64, title: String, dueDay: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            _ = try await connection.query(
                "INSERT INTO pbprojectmilestone (projectid, title, dueday) VALUES (\(projectID), \(title), \(dueDay))", logger: logger)
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "milestone \(title) due \(dueDay)"
            try await connection.record(event, logger: logger)
        }
    }

    public func completeMilestone(id: Int64, doneDay: String?, audit: AuditEvent) async throws -> Int64 {
        try await store.transaction { connection in
            guard
                let projectID = try await connection.query(
                    "UPDATE pbprojectmilestone SET doneday = \(doneDay) WHERE id = \(id) RETURNING projectid", logger: logger
                ).decode(Int64.self).firstElement()
            else {
                throw MokminError(.notFound, ko: "없는 단계입니다: \(id)", en: "No such milestone: \(id)")
            }
            var event = audit
            event.target = "pb-project \(projectID)"
            event.detail = "milestone \(id) done=\(doneDay ?? "-")"
            try await connection.record(event, logger: logger)
            return projectID
        }
    }

    public func cast(
        roundID: Int64, residentID: Int64, ballots: [(districtID: Int64, points: [Int64: Int])], emdCode: String, ageBand: AgeBand, now: Date
    ) async throws {
        try await store.transaction { connection in
            guard
                try await connection.query(
                    "SELECT phase = 'voting' AND votingopensat <= \(now) AND votingclosesat > \(now) FROM pbround WHERE id = \(roundID)",
                    logger: logger
                ).decode(Bool.self).firstElement() == true
            else { throw MokminError(.forbidden, ko: "지금은 투표 기간이 아닙니다", en: "Voting is not open") }
            do {
                _ = try await connection.query("INSERT INTO pbparticipation (roundid, residentid) VALUES (\(roundID), \(residentID))", logger: logger)
            } catch  where error.violatesConstraint {
                throw MokminError(.conflict, ko: "이미 투표하셨습니다. 한 사람이 한 번 투표합니다", en: "You have voted already: one resident, one vote")
            }
            for ballot in ballots {
                let id = randomBallotID()
                _ = try await connection.query(
                    "INSERT INTO pbballot (id, roundid, districtid, emdcode, ageband) VALUES (\(id), \(roundID), \(ballot.districtID), \(emdCode), \(ageBand.rawValue))",
                    logger: logger)
                let entries = ballot.points.sorted { $0.key < $1.key }
                _ = try await connection.query(
                    """
                    INSERT INTO pbballotentry (ballotid, projectid, points)
                    SELECT \(id), p, n FROM unnest(\(entries.map(\.key))::bigint[], \(entries.map(\.value))::bigint[]) AS e(p, n)
                    """, logger: logger)
            }
        }
    }

    public func hasVoted(roundID: Int64, residentID: Int64) async throws -> Bool {
        try await store.connection { connection in
            try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM pbparticipation WHERE roundid = \(roundID) AND residentid = \(residentID))", logger: logger
            ).decode(Bool.self).firstElement() ?? false
        }
    }

    public func ballots(districtID: Int64) async throws -> [[Int64: Int]] {
        try await store.connection { connection in
            // By ballot key (bytea compares as bytes, as SQLite's blobs): the same order as the GRDB store, no meaningful one.
            var ballots: [[Int64: Int]] = []
            var current: ByteBuffer?
            for try await (id, project, points) in try await connection.query(
                """
                SELECT b.id, e.projectid, e.points FROM pbballot b LEFT JOIN pbballotentry e ON e.ballotid = b.id
                WHERE b.districtid = \(districtID) ORDER BY b.id
                """, logger: logger
            ).decode((ByteBuffer, Int64?, Int?).self) {
                if id != current {
                    ballots.append([:])
                    current = id
                }
                if let project, let points { ballots[ballots.count - 1][project] = points }
            }
            return ballots
        }
    }

    public func turnout(roundID: Int64) async throws -> [String: Int] {
        try await store.connection { connection in
            // Every voter leaves one ballot in each district they vote in, so the largest count per 읍면동 is its voters.
            var turnout: [String: Int] = [:]
            for try await (emd, n) in try await connection.query(
                "SELECT emdcode, count(*) FROM pbballot WHERE roundid = \(roundID) GROUP BY emdcode, districtid", logger: logger
            ).decode((String, Int).self) {
                turnout[emd] = max(turnout[emd] ?? 0, n)
            }
            return turnout
        }
    }

    public func outcomes(roundID: Int64) async throws -> [StoredOutcome] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT districtid, rule, ballots, outcome, computedat FROM pbresult WHERE roundid = \(roundID) ORDER BY districtid", logger: logger
            ).decode((Int64, String, Int, String, Date).self).all()
                .map { StoredOutcome(districtID: $0.0, rule: $0.1, ballots: $0.2, json: $0.3, computedAt: $0.4) }
        }
    }

    /// Ballots per statement when an election is imported.
    static let importChunk = 2_000

    public func importRound(
        _ round: NewRound, projects: [NewProject], costs: [String: Int64], ballots: [[String: Int]], createdBy: String, audit: AuditEvent
    ) async throws -> BudgetRound {
        let r = try round.validated()
        let checked = try projects.map { try $0.validated() }
        let id: Int64 = try await store.transaction { connection in
            let id = try await Self.insert(r, createdBy: createdBy, connection, logger: logger)
            guard
                let districtID = try await connection.query("SELECT id FROM pbdistrict WHERE roundid = \(id) ORDER BY id LIMIT 1", logger: logger)
                    .decode(Int64.self).firstElement()
            else {
                throw MokminError(.invalidInput, ko: "권역이 없습니다", en: "The round has no district")
            }
            var ids: [String: Int64] = [:]
            for var p in checked {
                p.districtID = districtID
                let projectID = try await Self.insertProject(p, roundID: id, connection, logger: logger)
                ids[p.code] = projectID
                _ = try await connection.query(
                    "UPDATE pbproject SET feasibility = 'feasible', cost = \(costs[p.code] ?? p.proposedCost), reviewedby = \(createdBy) WHERE id = \(projectID)",
                    logger: logger)
            }
            // The ballots in chunks of a few thousand, two statements each: the ballots, then their entries.
            var start = ballots.startIndex
            while start < ballots.endIndex {
                let end = min(start + Self.importChunk, ballots.endIndex)
                var ballotIDs: [ByteBuffer] = []
                var entryBallots: [ByteBuffer] = [], entryProjects: [Int64] = [], entryPoints: [Int64] = []
                for ballot in ballots[start..<end] {
                    let ballotID = randomBallotID()
                    ballotIDs.append(ballotID)
                    for (code, points) in ballot {
                        guard let projectID = ids[code] else {
                            throw MokminError(.invalidInput, ko: "없는 사업에 대한 표입니다: \(code)", en: "A vote for an unknown project: \(code)")
                        }
                        entryBallots.append(ballotID)
                        entryProjects.append(projectID)
                        entryPoints.append(Int64(points))
                    }
                }
                _ = try await connection.query(
                    """
                    INSERT INTO pbballot (id, roundid, districtid, emdcode, ageband)
                    SELECT b, \(id), \(districtID), '0000000000', 0 FROM unnest(\(ballotIDs)::bytea[]) AS b
                    """, logger: logger)
                _ = try await connection.query(
                    """
                    INSERT INTO pbballotentry (ballotid, projectid, points)
                    SELECT b, p, n FROM unnest(\(entryBallots)::bytea[], \(entryProjects)::bigint[], \(entryPoints)::bigint[]) AS e(b, p, n)
                    """, logger: logger)
                start = end
            }
            var event = audit
            event.target = "pb-round \(id)"
            event.detail = "imported \(r.title): \(checked.count) projects, \(ballots.count) ballots"
            try await connection.record(event, logger: logger)
            return id
        }
        return try await self.round(id: id)!
    }
}
