import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminPlan

/// The GRDB implementation of `PlanRepository`.
public struct GRDBPlanRepository: PlanRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    // MARK: Departments

    static func department(_ row: Row) -> Department { Department(id: row["id"], name: row["name"], planningOffice: row["planningOffice"]) }

    public func departments() async throws -> [Department] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM department ORDER BY name").map(Self.department) }
    }

    static func createDepartment(_ db: Database, name: String, planningOffice: Bool) throws -> Department {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else {
            throw MokminError(.invalidInput, ko: "부서 이름은 1–100자여야 합니다", en: "A department name has 1–100 characters")
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM department WHERE name = ?", arguments: [trimmed]) ?? 0 > 0 {
            throw MokminError(.conflict, ko: "이미 있는 부서입니다: \(trimmed)", en: "The department exists: \(trimmed)")
        }
        try db.execute(
            sql: "INSERT INTO department (name, planningOffice, createdAt) VALUES (?, ?, ?)", arguments: [trimmed, planningOffice, Date()])
        return Department(id: db.lastInsertedRowID, name: trimmed, planningOffice: planningOffice)
    }

    public func createDepartment(name: String, planningOffice: Bool, audit: AuditEvent) async throws -> Department {
        try await writer.write { db in
            let department = try Self.createDepartment(db, name: name, planningOffice: planningOffice)
            var event = audit
            event.target = "department \(department.id)"
            event.detail = department.name + (planningOffice ? " (planning office)" : "")
            try AuditRecord(event).insert(db)
            return department
        }
    }

    public func setDepartment(login: String, departmentID: Int64?, audit: AuditEvent) async throws {
        try await writer.write { db in
            if let departmentID, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM department WHERE id = ?", arguments: [departmentID]) == 0 {
                throw MokminError(.notFound, ko: "없는 부서입니다: \(departmentID)", en: "No such department: \(departmentID)")
            }
            try db.execute(sql: "UPDATE user SET departmentID = ? WHERE login = ?", arguments: [departmentID, login])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 계정입니다: \(login)", en: "No such account: \(login)") }
            var event = audit
            event.target = "user \(login)"
            event.detail = "department=\(departmentID.map(String.init) ?? "none")"
            try AuditRecord(event).insert(db)
        }
    }

    public func members() async throws -> [Int64: [String]] {
        try await writer.read { db in
            Dictionary(
                grouping: try Row.fetchAll(db, sql: "SELECT departmentID, login FROM user WHERE departmentID IS NOT NULL ORDER BY login"),
                by: { $0["departmentID"] as Int64 }
            ).mapValues { $0.map { $0["login"] as String } }
        }
    }

    public func department(ofUser userID: Int64) async throws -> Department? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT department.* FROM department JOIN user ON user.departmentID = department.id WHERE user.id = ?", arguments: [userID]
            ).map(Self.department)
        }
    }

    // MARK: Plans

    static func plan(_ row: Row) -> Plan {
        Plan(id: row["id"], year: row["year"], organisation: row["organisation"], title: row["title"], vision: row["vision"], isDemo: row["isDemo"])
    }

    public func plans() async throws -> [Plan] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM plan ORDER BY year DESC, organisation").map(Self.plan) }
    }

    static func task(_ row: Row) -> PlanTask {
        PlanTask(
            id: row["id"], areaID: row["areaID"], code: row["code"], title: row["title"], departmentID: row["departmentID"], manager: row["manager"],
            description: row["description"], start: row["startDay"], end: row["endDay"], budget: row["budget"], isDemo: row["isDemo"])
    }

    static func indicator(_ row: Row) throws -> Indicator {
        var source = IndicatorSource.manual
        if let slug: String = row["datasetSlug"], let query: String = row["query"] {
            source = .dataset(slug: slug, query: try JSONDecoder().decode(AggregateQuery.self, from: Data(query.utf8)))
        }
        return Indicator(
            id: row["id"], taskID: row["taskID"], name: row["name"], unit: row["unit"], baseline: row["baseline"], target: row["target"],
            direction: IndicatorDirection(rawValue: row["direction"]) ?? .higher, weight: row["weight"], source: source)
    }

    static func milestone(_ row: Row) -> Milestone {
        Milestone(id: row["id"], taskID: row["taskID"], title: row["title"], due: row["dueDay"], doneOn: row["doneDay"])
    }

    public func snapshot(planID: Int64) async throws -> PlanSnapshot? {
        try await writer.read { db in
            guard let plan = try Row.fetchOne(db, sql: "SELECT * FROM plan WHERE id = ?", arguments: [planID]).map(Self.plan) else { return nil }
            let areas = try Row.fetchAll(db, sql: "SELECT * FROM planArea WHERE planID = ? ORDER BY position", arguments: [planID]).map {
                PlanArea(id: $0["id"], planID: $0["planID"], position: $0["position"], title: $0["title"])
            }
            let tasks = try Row.fetchAll(
                db,
                sql: """
                    SELECT planTask.* FROM planTask JOIN planArea ON planArea.id = planTask.areaID
                    WHERE planTask.planID = ? ORDER BY planArea.position, planTask.id
                    """, arguments: [planID]
            ).map(Self.task)
            let departments = try Row.fetchAll(db, sql: "SELECT * FROM department ORDER BY name").map(Self.department)
            let milestones = Dictionary(
                grouping: try Row.fetchAll(
                    db,
                    sql: "SELECT m.* FROM planMilestone m JOIN planTask t ON t.id = m.taskID WHERE t.planID = ? ORDER BY m.dueDay, m.id",
                    arguments: [planID]
                ).map(Self.milestone), by: \.taskID)
            let indicatorList = try Row.fetchAll(
                db, sql: "SELECT i.* FROM planIndicator i JOIN planTask t ON t.id = i.taskID WHERE t.planID = ? ORDER BY i.id", arguments: [planID]
            ).map(Self.indicator)
            let indicators = Dictionary(grouping: indicatorList, by: \.taskID)
            var values: [Int64: [IndicatorValue]] = [:]
            // Computed values: those of the newest version each indicator was computed from.
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT v.indicatorID, v.period, v.value, v.computedAt, v.datasetVersionID, dv.number
                    FROM planIndicatorValue v
                    JOIN planIndicator i ON i.id = v.indicatorID JOIN planTask t ON t.id = i.taskID
                    JOIN datasetVersion dv ON dv.id = v.datasetVersionID
                    WHERE t.planID = ? AND v.datasetVersionID =
                      (SELECT MAX(datasetVersionID) FROM planIndicatorValue WHERE indicatorID = v.indicatorID)
                    """, arguments: [planID])
            {
                guard let period = Period(row["period"] as String) else { continue }
                let value = IndicatorValue(
                    indicatorID: row["indicatorID"], period: period, value: row["value"], datasetVersionID: row["datasetVersionID"],
                    datasetVersionNumber: row["number"], recordedAt: row["computedAt"])
                values[value.indicatorID, default: []].append(value)
            }
            var reports: [Int64: [PeriodReport]] = [:]
            for report in try Self.reports(db, sql: "JOIN planTask t ON t.id = r.taskID WHERE t.planID = ?", arguments: [planID]) {
                reports[report.taskID, default: []].append(report)
                for (indicatorID, value) in report.values {
                    values[indicatorID, default: []].append(
                        IndicatorValue(indicatorID: indicatorID, period: report.period, value: value, recordedAt: report.updatedAt))
                }
            }
            let framework = try Self.framework(db, year: plan.year)
            var serves: [Int64: [Int64]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT e.* FROM planTaskEvaluation e JOIN planTask t ON t.id = e.taskID WHERE t.planID = ?", arguments: [planID])
            {
                serves[row["taskID"], default: []].append(row["evaluationIndicatorID"])
            }
            return PlanSnapshot(
                plan: plan, areas: areas, tasks: tasks, departments: departments, milestones: milestones, indicators: indicators, values: values,
                reports: reports, framework: framework, serves: serves)
        }
    }

    public func planID(ofTask taskID: Int64) async throws -> Int64? {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT planID FROM planTask WHERE id = ?", arguments: [taskID]) }
    }

    public func taskID(ofMilestone id: Int64) async throws -> Int64? {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT taskID FROM planMilestone WHERE id = ?", arguments: [id]) }
    }

    public func setMilestone(id: Int64, doneOn: String?, audit: AuditEvent) async throws -> Milestone {
        try await writer.write { db in
            if let doneOn, PlanFileParser.day(doneOn) != doneOn {
                throw MokminError(.invalidInput, ko: "완료일은 YYYY-MM-DD여야 합니다: \(doneOn)", en: "The done day must be YYYY-MM-DD: \(doneOn)")
            }
            try db.execute(sql: "UPDATE planMilestone SET doneDay = ? WHERE id = ?", arguments: [doneOn, id])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 마일스톤입니다: \(id)", en: "No such milestone: \(id)") }
            var event = audit
            event.target = "milestone \(id)"
            event.detail = "done=\(doneOn ?? "open")"
            try AuditRecord(event).insert(db)
            return Self.milestone(try Row.fetchOne(db, sql: "SELECT * FROM planMilestone WHERE id = ?", arguments: [id])!)
        }
    }
}
