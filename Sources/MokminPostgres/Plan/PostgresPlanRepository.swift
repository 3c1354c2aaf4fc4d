import Foundation
import Logging
import MokminBase
import MokminCore
import MokminPlan
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `PlanRepository`, statement for statement the GRDB one's.
public struct PostgresPlanRepository: PlanRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    // MARK: Departments

    public func departments() async throws -> [Department] {
        try await store.connection { connection in
            try await connection.query("SELECT id, name, planningoffice FROM department ORDER BY name COLLATE \"C\"", logger: logger)
                .decode((Int64, String, Bool).self).all().map { Department(id: $0.0, name: $0.1, planningOffice: $0.2) }
        }
    }

    static func createDepartment(_ connection: PostgresConnection, name: String, planningOffice: Bool, logger: Logger) async throws -> Department {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else {
            throw MokminError(.invalidInput, ko: "부서 이름은 1–100자여야 합니다", en: "A department name has 1–100 characters")
        }
        try await connection.lock("department:" + trimmed, logger: logger)
        if try await connection.query("SELECT count(*) FROM department WHERE name = \(trimmed)", logger: logger).decode(Int.self).firstElement() ?? 0
            > 0
        {
            throw MokminError(.conflict, ko: "이미 있는 부서입니다: \(trimmed)", en: "The department exists: \(trimmed)")
        }
        let id = try await connection.query(
            "INSERT INTO department (name, planningoffice, createdat) VALUES (\(trimmed), \(planningOffice), \(Date())) RETURNING id", logger: logger
        ).decode(Int64.self).firstElement()!
        return Department(id: id, name: trimmed, planningOffice: planningOffice)
    }

    public func createDepartment(name: String, planningOffice: Bool, audit: AuditEvent) async throws -> Department {
        try await store.transaction { connection in
            let department = try await Self.createDepartment(connection, name: name, planningOffice: planningOffice, logger: logger)
            var event = audit
            event.target = "department \(department.id)"
            event.detail = department.name + (planningOffice ? " (planning office)" : "")
            try await connection.record(event, logger: logger)
            return department
        }
    }

    public func setDepartment(login: String, departmentID: Int64?, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            if let departmentID,
                try await connection.query("SELECT count(*) FROM department WHERE id = \(departmentID)", logger: logger).decode(Int.self)
                    .firstElement() == 0
            {
                throw MokminError(.notFound, ko: "없는 부서입니다: \(departmentID)", en: "No such department: \(departmentID)")
            }
            guard
                try await connection.count(#"UPDATE "user" SET departmentid = \#(departmentID) WHERE login = \#(login) RETURNING 1"#, logger: logger)
                    > 0
            else { throw MokminError(.notFound, ko: "없는 계정입니다: \(login)", en: "No such account: \(login)") }
            var event = audit
            event.target = "user \(login)"
            event.detail = "department=\(departmentID.map(String.init) ?? "none")"
            try await connection.record(event, logger: logger)
        }
    }

    public func members() async throws -> [Int64: [String]] {
        try await store.connection { connection in
            var members: [Int64: [String]] = [:]
            for try await (department, login) in try await connection.query(
                #"SELECT departmentid, login FROM "user" WHERE departmentid IS NOT NULL ORDER BY login COLLATE "C""#, logger: logger
            ).decode((Int64, String).self) {
                members[department, default: []].append(login)
            }
            return members
        }
    }

    public func department(ofUser userID: Int64) async throws -> Department? {
        try await store.connection { connection in
            try await connection.query(
                #"SELECT d.id, d.name, d.planningoffice FROM department d JOIN "user" u ON u.departmentid = d.id WHERE u.id = \#(userID)"#,
                logger: logger
            ).decode((Int64, String, Bool).self).firstElement().map { Department(id: $0.0, name: $0.1, planningOffice: $0.2) }
        }
    }

    // MARK: Plans

    public func plans() async throws -> [Plan] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT id, year, organisation, title, vision, isdemo FROM plan ORDER BY year DESC, organisation COLLATE \"C\"", logger: logger
            ).decode((Int64, Int, String, String, String, Bool).self).all().map {
                Plan(id: $0.0, year: $0.1, organisation: $0.2, title: $0.3, vision: $0.4, isDemo: $0.5)
            }
        }
    }

    static func indicator(_ r: (Int64, Int64, String, String, Double, Double, String, Double, String?, String?)) throws -> Indicator {
        var source = IndicatorSource.manual
        if let slug = r.8, let query = r.9 {
            source = .dataset(slug: slug, query: try JSONDecoder().decode(AggregateQuery.self, from: Data(query.utf8)))
        }
        return Indicator(
            id: r.0, taskID: r.1, name: r.2, unit: r.3, baseline: r.4, target: r.5, direction: IndicatorDirection(rawValue: r.6) ?? .higher,
            weight: r.7,
            source: source)
    }
    static let indicatorColumns = "i.id, i.taskid, i.name, i.unit, i.baseline, i.target, i.direction, i.weight, i.datasetslug, i.query"
    typealias IndicatorRow = (Int64, Int64, String, String, Double, Double, String, Double, String?, String?)

    public func snapshot(planID: Int64) async throws -> PlanSnapshot? {
        try await store.transaction { connection -> PlanSnapshot? in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            guard
                let plan = try await connection.query(
                    "SELECT id, year, organisation, title, vision, isdemo FROM plan WHERE id = \(planID)", logger: logger
                ).decode((Int64, Int, String, String, String, Bool).self).firstElement()
                    .map({ Plan(id: $0.0, year: $0.1, organisation: $0.2, title: $0.3, vision: $0.4, isDemo: $0.5) })
            else { return nil }
            let areas = try await connection.query(
                "SELECT id, planid, position, title FROM planarea WHERE planid = \(planID) ORDER BY position", logger: logger
            ).decode((Int64, Int64, Int, String).self).all().map { PlanArea(id: $0.0, planID: $0.1, position: $0.2, title: $0.3) }
            let tasks = try await connection.query(
                """
                SELECT t.id, t.areaid, t.code, t.title, t.departmentid, t.manager, t.description, t.startday, t.endday, t.budget, t.isdemo
                FROM plantask t JOIN planarea a ON a.id = t.areaid WHERE t.planid = \(planID) ORDER BY a.position, t.id
                """, logger: logger
            ).decode((Int64, Int64, String, String, Int64, String, String, String, String, Int64?, Bool).self).all().map {
                PlanTask(
                    id: $0.0, areaID: $0.1, code: $0.2, title: $0.3, departmentID: $0.4, manager: $0.5, description: $0.6, start: $0.7, end: $0.8,
                    budget: $0.9, isDemo: $0.10)
            }
            let departments = try await connection.query(
                "SELECT id, name, planningoffice FROM department ORDER BY name COLLATE \"C\"", logger: logger
            )
            .decode((Int64, String, Bool).self).all().map { Department(id: $0.0, name: $0.1, planningOffice: $0.2) }
            let milestones = Dictionary(
                grouping: try await connection.query(
                    """
                    SELECT m.id, m.taskid, m.title, m.dueday, m.doneday FROM planmilestone m JOIN plantask t ON t.id = m.taskid
                    WHERE t.planid = \(planID) ORDER BY m.dueday COLLATE "C", m.id
                    """, logger: logger
                ).decode((Int64, Int64, String, String, String?).self).all().map {
                    Milestone(id: $0.0, taskID: $0.1, title: $0.2, due: $0.3, doneOn: $0.4)
                },
                by: \.taskID)
            let indicatorList = try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "SELECT \(Self.indicatorColumns) FROM planindicator i JOIN plantask t ON t.id = i.taskid WHERE t.planid = $1 ORDER BY i.id",
                    binds: Self.binds(planID)), logger: logger
            ).decode(IndicatorRow.self).all().map(Self.indicator)
            let indicators = Dictionary(grouping: indicatorList, by: \.taskID)
            var values: [Int64: [IndicatorValue]] = [:]
            // Computed values: those of the newest version each indicator was computed from.
            for try await r in try await connection.query(
                """
                SELECT v.indicatorid, v.period, v.value, v.computedat, v.datasetversionid, dv.number
                FROM planindicatorvalue v
                JOIN planindicator i ON i.id = v.indicatorid JOIN plantask t ON t.id = i.taskid
                JOIN datasetversion dv ON dv.id = v.datasetversionid
                WHERE t.planid = \(planID) AND v.datasetversionid =
                  (SELECT max(datasetversionid) FROM planindicatorvalue WHERE indicatorid = v.indicatorid)
                ORDER BY v.indicatorid, v.period COLLATE "C"
                """, logger: logger
            ).decode((Int64, String, Double, Date, Int64, Int).self) {
                guard let period = Period(r.1) else { continue }
                values[r.0, default: []].append(
                    IndicatorValue(indicatorID: r.0, period: period, value: r.2, datasetVersionID: r.4, datasetVersionNumber: r.5, recordedAt: r.3))
            }
            var reports: [Int64: [PeriodReport]] = [:]
            for report in try await Self.reports(
                connection, "JOIN plantask t ON t.id = r.taskid WHERE t.planid = $1", Self.binds(planID), logger: logger)
            {
                reports[report.taskID, default: []].append(report)
                for (indicatorID, value) in report.values {
                    values[indicatorID, default: []].append(
                        IndicatorValue(indicatorID: indicatorID, period: report.period, value: value, recordedAt: report.updatedAt))
                }
            }
            let framework = try await Self.framework(connection, year: plan.year, logger: logger)
            var serves: [Int64: [Int64]] = [:]
            for try await (task, indicator) in try await connection.query(
                "SELECT e.taskid, e.evaluationindicatorid FROM plantaskevaluation e JOIN plantask t ON t.id = e.taskid WHERE t.planid = \(planID)",
                logger: logger
            ).decode((Int64, Int64).self) {
                serves[task, default: []].append(indicator)
            }
            return PlanSnapshot(
                plan: plan, areas: areas, tasks: tasks, departments: departments, milestones: milestones, indicators: indicators, values: values,
                reports: reports, framework: framework, serves: serves)
        }
    }

    static func binds(_ values: Int64...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    public func planID(ofTask taskID: Int64) async throws -> Int64? {
        try await store.connection { connection in
            try await connection.query("SELECT planid FROM plantask WHERE id = \(taskID)", logger: logger).decode(Int64.self).firstElement()
        }
    }

    public func taskID(ofMilestone id: Int64) async throws -> Int64? {
        try await store.connection { connection in
            try await connection.query("SELECT taskid FROM planmilestone WHERE id = \(id)", logger: logger).decode(Int64.self).firstElement()
        }
    }

    public func setMilestone(id: Int64, doneOn: String?, audit: AuditEvent) async throws -> Milestone {
        try await store.transaction { connection in
            if let doneOn, PlanFileParser.day(doneOn) != doneOn {
                throw MokminError(.invalidInput, ko: "완료일은 YYYY-MM-DD여야 합니다: \(doneOn)", en: "The done day must be YYYY-MM-DD: \(doneOn)")
            }
            guard
                let m = try await connection.query(
                    "UPDATE planmilestone SET doneday = \(doneOn) WHERE id = \(id) RETURNING id, taskid, title, dueday, doneday", logger: logger
                ).decode((Int64, Int64, String, String, String?).self).firstElement()
            else { throw MokminError(.notFound, ko: "없는 마일스톤입니다: \(id)", en: "No such milestone: \(id)") }
            var event = audit
            event.target = "milestone \(id)"
            event.detail = "done=\(doneOn ?? "open")"
            try await connection.record(event, logger: logger)
            return Milestone(id: m.0, taskID: m.1, title: m.2, due: m.3, doneOn: m.4)
        }
    }
}
