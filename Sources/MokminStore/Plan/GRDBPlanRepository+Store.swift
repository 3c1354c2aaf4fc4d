import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminPlan

extension GRDBPlanRepository {
    public func store(_ draft: PlanDraft, into header: NewPlan, audit: AuditEvent) async throws -> PlanImportSummary {
        try await writer.write { db in
            guard Period.years.contains(header.year) else {
                throw MokminError(.invalidInput, ko: "계획 연도는 1900–2200이어야 합니다: \(header.year)", en: "The plan year must be 1900–2200: \(header.year)")
            }
            let organisation = header.organisation.trimmingCharacters(in: .whitespacesAndNewlines)
            let title = header.title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(organisation.count), (1...300).contains(title.count) else {
                throw MokminError(
                    .invalidInput, ko: "기관명(1–100자)과 계획 제목(1–300자)이 필요합니다", en: "An organisation (1–100 characters) and a title (1–300) are needed")
            }
            // The plan.
            let planID: Int64
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM plan WHERE year = ? AND organisation = ?", arguments: [header.year, organisation])
            {
                planID = id
                try db.execute(
                    sql: "UPDATE plan SET title = ?, vision = ?, isDemo = ? WHERE id = ?", arguments: [title, header.vision, header.isDemo, id])
            } else {
                try db.execute(
                    sql: "INSERT INTO plan (year, organisation, title, vision, isDemo, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [header.year, organisation, title, header.vision, header.isDemo, Date()])
                planID = db.lastInsertedRowID
            }
            // Departments by name, created when missing.
            var departments = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM department").map { ($0["name"] as String, $0["id"] as Int64) })
            var departmentsAdded: [String] = []
            for name in draft.tasks.map(\.department) where departments[name] == nil {
                departments[name] = try Self.createDepartment(db, name: name, planningOffice: false).id
                departmentsAdded.append(name)
            }
            // Areas by title, in the file's order after the ones already stored.
            var areas = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, title FROM planArea WHERE planID = ?", arguments: [planID]).map {
                    ($0["title"] as String, $0["id"] as Int64)
                })
            var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) FROM planArea WHERE planID = ?", arguments: [planID]) ?? 0
            for title in draft.areas where areas[title] == nil {
                position += 1
                try db.execute(sql: "INSERT INTO planArea (planID, position, title) VALUES (?, ?, ?)", arguments: [planID, position, title])
                areas[title] = db.lastInsertedRowID
            }
            // The evaluation indicators of the plan's year, by code.
            let evaluation = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql: "SELECT i.id, i.code FROM evaluationIndicator i JOIN evaluationFramework f ON f.id = i.frameworkID WHERE f.year = ?",
                    arguments: [header.year]
                ).map { ($0["code"] as String, $0["id"] as Int64) })
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
            let existing = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, code FROM planTask WHERE planID = ?", arguments: [planID]).map {
                    ($0["code"] as String, $0["id"] as Int64)
                })
            for task in draft.tasks {
                let arguments: StatementArguments = [
                    areas[task.area], task.title, departments[task.department], task.manager, task.description, task.start, task.end, task.budget,
                    header.isDemo,
                ]
                let taskID: Int64
                if let id = existing[task.code] {
                    taskID = id
                    try db.execute(
                        sql: """
                            UPDATE planTask SET areaID = ?, title = ?, departmentID = ?, manager = ?, description = ?, startDay = ?, endDay = ?,
                              budget = ?, isDemo = ? WHERE id = ?
                            """, arguments: arguments + [id])
                    updated += 1
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO planTask (areaID, title, departmentID, manager, description, startDay, endDay, budget, isDemo, planID, code)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: arguments + [planID, task.code])
                    taskID = db.lastInsertedRowID
                    added += 1
                }
                // Milestones as the file lists them.
                try db.execute(sql: "DELETE FROM planMilestone WHERE taskID = ?", arguments: [taskID])
                for m in task.milestones {
                    try db.execute(
                        sql: "INSERT INTO planMilestone (taskID, title, dueDay, doneDay) VALUES (?, ?, ?, ?)",
                        arguments: [taskID, m.title, m.due, m.doneOn])
                }
                // Indicators by name: updated in place (their values stay), added, or removed when the file drops them.
                let names = task.indicators.map(\.name)
                try db.execute(
                    sql: "DELETE FROM planIndicator WHERE taskID = ? AND name NOT IN (SELECT value FROM json_each(?))",
                    arguments: [taskID, String(decoding: try JSONEncoder().encode(names), as: UTF8.self)])
                for indicator in task.indicators {
                    var slug: String?
                    var query: String?
                    if case .dataset(let s, let q) = indicator.source {
                        slug = s
                        query = String(decoding: try JSONEncoder().encode(q), as: UTF8.self)
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO planIndicator (taskID, name, unit, baseline, target, direction, weight, datasetSlug, query)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (taskID, name) DO UPDATE SET unit = excluded.unit, baseline = excluded.baseline, target = excluded.target,
                              direction = excluded.direction, weight = excluded.weight, datasetSlug = excluded.datasetSlug, query = excluded.query
                            """,
                        arguments: [
                            taskID, indicator.name, indicator.unit, indicator.baseline, indicator.target, indicator.direction.rawValue,
                            indicator.weight,
                            slug, query,
                        ])
                    indicatorCount += 1
                }
                try db.execute(sql: "DELETE FROM planTaskEvaluation WHERE taskID = ?", arguments: [taskID])
                for code in task.evaluation {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO planTaskEvaluation (taskID, evaluationIndicatorID) VALUES (?, ?)",
                        arguments: [taskID, evaluation[code]])
                }
            }
            let kept = existing.keys.filter { code in !draft.tasks.contains { $0.code == code } }.count
            var event = audit
            event.target = "plan \(planID)"
            event.detail = "\(draft.fileName): +\(added) tasks, \(updated) updated, \(kept) kept, \(indicatorCount) indicators"
            try AuditRecord(event).insert(db)
            return PlanImportSummary(
                planID: planID, tasksAdded: added, tasksUpdated: updated, tasksKept: kept, indicators: indicatorCount,
                departmentsAdded: departmentsAdded)
        }
    }
}
