import Foundation
import Logging
import MokminBase
import MokminCore
import MokminPlan
import MokminStore
import PostgresNIO

extension PostgresPlanRepository {
    public func store(_ draft: PlanDraft, into header: NewPlan, audit: AuditEvent) async throws -> PlanImportSummary {
        guard Period.years.contains(header.year) else {
            throw MokminError(.invalidInput, ko: "계획 연도는 1900–2200이어야 합니다: \(header.year)", en: "The plan year must be 1900–2200: \(header.year)")
        }
        let organisation = header.organisation.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = header.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(organisation.count), (1...300).contains(title.count) else {
            throw MokminError(
                .invalidInput, ko: "기관명(1–100자)과 계획 제목(1–300자)이 필요합니다", en: "An organisation (1–100 characters) and a title (1–300) are needed")
        }
        return try await store.transaction { connection in
            // One task file of a plan at a time.
            try await connection.lock("plan:\(header.year):\(organisation)", logger: logger)
            // The year's evaluation framework stays as read below until the links to it are stored (storeFramework takes
            // the same lock).
            try await connection.lock("evaluation:\(header.year)", logger: logger)
            let planID: Int64
            if let id = try await connection.query(
                "SELECT id FROM plan WHERE year = \(header.year) AND organisation = \(organisation)", logger: logger
            ).decode(Int64.self).firstElement() {
                planID = id
                try await connection.query(
                    "UPDATE plan SET title = \(title), vision = \(header.vision), isdemo = \(header.isDemo) WHERE id = \(id)", logger: logger)
            } else {
                planID = try await connection.query(
                    """
                    INSERT INTO plan (year, organisation, title, vision, isdemo, createdat)
                    VALUES (\(header.year), \(organisation), \(title), \(header.vision), \(header.isDemo), \(Date())) RETURNING id
                    """, logger: logger
                ).decode(Int64.self).firstElement()!
            }
            // Departments by name, created when missing.
            var departments: [String: Int64] = [:]
            for try await (id, name) in try await connection.query("SELECT id, name FROM department", logger: logger).decode((Int64, String).self) {
                departments[name] = id
            }
            // Another plan's file may name a new department at the same moment: the missing names are locked (in one
            // order, so two files never wait on each other) and read again before they are created.
            var missing: [String] = []
            for name in draft.tasks.map(\.department) where departments[name] == nil && !missing.contains(name) { missing.append(name) }
            for name in missing.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }).sorted() {
                try await connection.lock("department:" + name, logger: logger)
            }
            if !missing.isEmpty {
                for try await (id, name) in try await connection.query("SELECT id, name FROM department WHERE name = ANY(\(missing))", logger: logger)
                    .decode((Int64, String).self)
                {
                    departments[name] = id
                }
            }
            var departmentsAdded: [String] = []
            for name in missing where departments[name] == nil {
                departments[name] = try await Self.createDepartment(connection, name: name, planningOffice: false, logger: logger).id
                departmentsAdded.append(name)
            }
            // Areas by title, in the file's order after the ones already stored.
            var areas: [String: Int64] = [:]
            for try await (id, areaTitle) in try await connection.query("SELECT id, title FROM planarea WHERE planid = \(planID)", logger: logger)
                .decode((Int64, String).self)
            {
                areas[areaTitle] = id
            }
            var position =
                try await connection.query("SELECT COALESCE(max(position), 0) FROM planarea WHERE planid = \(planID)", logger: logger).decode(
                    Int.self
                )
                .firstElement() ?? 0
            for areaTitle in draft.areas where areas[areaTitle] == nil {
                position += 1
                areas[areaTitle] = try await connection.query(
                    "INSERT INTO planarea (planid, position, title) VALUES (\(planID), \(position), \(areaTitle)) RETURNING id", logger: logger
                ).decode(Int64.self).firstElement()!
            }
            // The evaluation indicators of the plan's year, by code.
            var evaluation: [String: Int64] = [:]
            for try await (id, code) in try await connection.query(
                "SELECT i.id, i.code FROM evaluationindicator i JOIN evaluationframework f ON f.id = i.frameworkid WHERE f.year = \(header.year)",
                logger: logger
            ).decode((Int64, String).self) {
                evaluation[code] = id
            }
            var issues: [PlanFileIssue] = []
            for task in draft.tasks {
                for code in task.evaluation where evaluation[code] == nil {
                    issues.append(
                        PlanFileIssue(
                            line: task.line, column: PlanFileColumn.evaluation.korean,
                            message: LocalizedText(
                                ko: "\(header.year)년 평가체계에 없는 지표 번호입니다: \(code)",
                                en: "No indicator \(code) in the \(header.year) evaluation framework")))
                }
            }
            if !issues.isEmpty { throw PlanFileError(fileName: draft.fileName, issues: issues) }

            var added = 0, updated = 0, indicatorCount = 0
            var existing: [String: Int64] = [:]
            for try await (id, code) in try await connection.query("SELECT id, code FROM plantask WHERE planid = \(planID)", logger: logger)
                .decode((Int64, String).self)
            {
                existing[code] = id
            }
            for task in draft.tasks {
                let areaID = areas[task.area], departmentID = departments[task.department]
                let taskID: Int64
                if let id = existing[task.code] {
                    taskID = id
                    try await connection.query(
                        """
                        UPDATE plantask SET areaid = \(areaID), title = \(task.title), departmentid = \(departmentID), manager = \(task.manager),
                          description = \(task.description), startday = \(task.start), endday = \(task.end), budget = \(task.budget),
                          isdemo = \(header.isDemo)
                        WHERE id = \(id)
                        """, logger: logger)
                    updated += 1
                } else {
                    taskID = try await connection.query(
                        """
                        INSERT INTO plantask (areaid, title, departmentid, manager, description, startday, endday, budget, isdemo, planid, code)
                        VALUES (\(areaID), \(task.title), \(departmentID), \(task.manager), \(task.description), \(task.start), \(task.end),
                            \(task.budget), \(header.isDemo), \(planID), \(task.code))
                        RETURNING id
                        """, logger: logger
                    ).decode(Int64.self).firstElement()!
                    added += 1
                }
                // Milestones as the file lists them.
                try await connection.query("DELETE FROM planmilestone WHERE taskid = \(taskID)", logger: logger)
                for m in task.milestones {
                    try await connection.query(
                        "INSERT INTO planmilestone (taskid, title, dueday, doneday) VALUES (\(taskID), \(m.title), \(m.due), \(m.doneOn))",
                        logger: logger)
                }
                // Indicators by name: updated in place (their values stay), added, or removed when the file drops them.
                let names = task.indicators.map(\.name)
                try await connection.query("DELETE FROM planindicator WHERE taskid = \(taskID) AND NOT (name = ANY(\(names)))", logger: logger)
                for indicator in task.indicators {
                    var slug: String?
                    var query: String?
                    if case .dataset(let s, let q) = indicator.source {
                        slug = s
                        query = String(decoding: try JSONEncoder().encode(q), as: UTF8.self)
                    }
                    try await connection.query(
                        """
                        INSERT INTO planindicator (taskid, name, unit, baseline, target, direction, weight, datasetslug, query)
                        VALUES (\(taskID), \(indicator.name), \(indicator.unit), \(indicator.baseline), \(indicator.target), \(indicator.direction.rawValue),
                            \(indicator.weight), \(slug), \(query))
                        ON CONFLICT (taskid, name) DO UPDATE SET unit = excluded.unit, baseline = excluded.baseline, target = excluded.target,
                          direction = excluded.direction, weight = excluded.weight, datasetslug = excluded.datasetslug, query = excluded.query
                        """, logger: logger)
                    indicatorCount += 1
                }
                try await connection.query("DELETE FROM plantaskevaluation WHERE taskid = \(taskID)", logger: logger)
                for code in task.evaluation {
                    try await connection.query(
                        """
                        INSERT INTO plantaskevaluation (taskid, evaluationindicatorid) VALUES (\(taskID), \(evaluation[code]))
                        ON CONFLICT DO NOTHING
                        """, logger: logger)
                }
            }
            let kept = existing.keys.filter { code in !draft.tasks.contains { $0.code == code } }.count
            var event = audit
            event.target = "plan \(planID)"
            event.detail = "\(draft.fileName): +\(added) tasks, \(updated) updated, \(kept) kept, \(indicatorCount) indicators"
            try await connection.record(event, logger: logger)
            return PlanImportSummary(
                planID: planID, tasksAdded: added, tasksUpdated: updated, tasksKept: kept, indicators: indicatorCount,
                departmentsAdded: departmentsAdded)
        }
    }
}
