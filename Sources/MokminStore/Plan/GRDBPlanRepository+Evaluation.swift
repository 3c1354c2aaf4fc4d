import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminPlan

extension GRDBPlanRepository {
    // MARK: Computed indicators

    public func computedIndicators(datasetSlug: String) async throws -> [Indicator] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM planIndicator WHERE datasetSlug = ? ORDER BY id", arguments: [datasetSlug]).map(Self.indicator)
        }
    }

    public func recordComputed(indicatorID: Int64, version: DatasetVersion, values: [Period: Double], at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM planIndicatorValue WHERE indicatorID = ? AND datasetVersionID = ?", arguments: [indicatorID, version.id])
            for (period, value) in values.sorted(by: { $0.key < $1.key }) where value.isFinite {
                try db.execute(
                    sql: "INSERT INTO planIndicatorValue (indicatorID, datasetVersionID, period, value, computedAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [indicatorID, version.id, period.description, value, at])
            }
        }
    }

    public func computedHistory(indicatorID: Int64) async throws -> [IndicatorValue] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*, dv.number FROM planIndicatorValue v JOIN datasetVersion dv ON dv.id = v.datasetVersionID
                    WHERE v.indicatorID = ? ORDER BY v.datasetVersionID DESC, v.period
                    """, arguments: [indicatorID]
            ).compactMap { row in
                guard let period = Period(row["period"] as String) else { return nil }
                return IndicatorValue(
                    indicatorID: indicatorID, period: period, value: row["value"], datasetVersionID: row["datasetVersionID"],
                    datasetVersionNumber: row["number"], recordedAt: row["computedAt"])
            }
        }
    }

    // MARK: Evaluation

    static func framework(_ db: Database, year: Int) throws -> EvaluationFramework? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM evaluationFramework WHERE year = ?", arguments: [year]) else { return nil }
        let id: Int64 = row["id"]
        let indicators = Dictionary(
            grouping: try Row.fetchAll(db, sql: "SELECT * FROM evaluationIndicator WHERE frameworkID = ? ORDER BY position", arguments: [id]),
            by: { $0["areaID"] as Int64 })
        let areas = try Row.fetchAll(db, sql: "SELECT * FROM evaluationArea WHERE frameworkID = ? ORDER BY position", arguments: [id]).map { area in
            EvaluationArea(
                id: area["id"], title: area["title"],
                indicators: (indicators[area["id"]] ?? []).map {
                    EvaluationIndicator(id: $0["id"], code: $0["code"], title: $0["title"], points: $0["points"], evidence: $0["evidence"])
                })
        }
        return EvaluationFramework(id: id, year: year, title: row["title"], areas: areas)
    }

    public func framework(year: Int) async throws -> EvaluationFramework? {
        try await writer.read { db in try Self.framework(db, year: year) }
    }

    public func storeFramework(_ draft: FrameworkDraft, audit: AuditEvent) async throws -> EvaluationFramework {
        try await writer.write { db in
            guard Period.years.contains(draft.year), (1...300).contains(draft.title.trimmingCharacters(in: .whitespaces).count) else {
                throw MokminError(.invalidInput, ko: "평가 연도(1900–2200)와 제목이 필요합니다", en: "An evaluation needs a year (1900–2200) and a title")
            }
            let codes = draft.areas.flatMap { $0.indicators.map(\.code) }
            if Set(codes).count != codes.count {
                throw MokminError(.invalidInput, ko: "지표 번호가 중복됩니다", en: "An indicator code appears twice")
            }
            // Links of tasks to the old framework's indicators are kept by code.
            let links = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.taskID, i.code FROM planTaskEvaluation e JOIN evaluationIndicator i ON i.id = e.evaluationIndicatorID
                    JOIN evaluationFramework f ON f.id = i.frameworkID WHERE f.year = ?
                    """, arguments: [draft.year]
            ).map { (taskID: $0["taskID"] as Int64, code: $0["code"] as String) }
            try db.execute(sql: "DELETE FROM evaluationFramework WHERE year = ?", arguments: [draft.year])
            try db.execute(sql: "INSERT INTO evaluationFramework (year, title) VALUES (?, ?)", arguments: [draft.year, draft.title])
            let frameworkID = db.lastInsertedRowID
            var byCode: [String: Int64] = [:]
            for (areaPosition, area) in draft.areas.enumerated() {
                try db.execute(
                    sql: "INSERT INTO evaluationArea (frameworkID, position, title) VALUES (?, ?, ?)",
                    arguments: [frameworkID, areaPosition + 1, area.title])
                let areaID = db.lastInsertedRowID
                for (position, indicator) in area.indicators.enumerated() {
                    guard indicator.points.isFinite, (0...1000).contains(indicator.points) else {
                        throw MokminError(.invalidInput, ko: "배점은 0–1000이어야 합니다: \(indicator.code)", en: "Points must be 0–1000: \(indicator.code)")
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO evaluationIndicator (areaID, frameworkID, position, code, title, points, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [areaID, frameworkID, position + 1, indicator.code, indicator.title, indicator.points, indicator.evidence])
                    byCode[indicator.code] = db.lastInsertedRowID
                }
            }
            for link in links {
                if let id = byCode[link.code] {
                    try db.execute(sql: "INSERT INTO planTaskEvaluation (taskID, evaluationIndicatorID) VALUES (?, ?)", arguments: [link.taskID, id])
                }
            }
            var event = audit
            event.target = "evaluation \(draft.year)"
            event.detail = "\(draft.areas.count) areas, \(codes.count) indicators"
            try AuditRecord(event).insert(db)
            return try Self.framework(db, year: draft.year)!
        }
    }

    // MARK: Best practices

    static func practice(_ row: Row) -> BestPractice {
        let tags: String = row["tags"]
        return BestPractice(
            id: row["id"], title: row["title"], problem: row["problem"], action: row["action"], result: row["result"],
            departmentID: row["departmentID"], contact: row["contact"], tags: tags.split(separator: "\n").map(String.init), taskID: row["taskID"],
            createdAt: row["createdAt"], isDemo: row["isDemo"])
    }

    public func practices() async throws -> [BestPractice] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM bestPractice ORDER BY createdAt DESC, id DESC").map(Self.practice) }
    }

    public func practice(id: Int64) async throws -> BestPractice? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM bestPractice WHERE id = ?", arguments: [id]).map(Self.practice) }
    }

    public func createPractice(_ p: NewBestPractice, audit: AuditEvent) async throws -> BestPractice {
        try await writer.write { db in
            guard (1...300).contains(p.title.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
                throw MokminError(.invalidInput, ko: "우수사례 제목은 1–300자여야 합니다", en: "A best practice's title has 1–300 characters")
            }
            for text in [p.problem, p.action, p.result] where text.count > ReportInput.maxText {
                throw MokminError(.invalidInput, ko: "항목당 \(ReportInput.maxText)자까지입니다", en: "At most \(ReportInput.maxText) characters per field")
            }
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM department WHERE id = ?", arguments: [p.departmentID]) ?? 0 > 0 else {
                throw MokminError(.notFound, ko: "없는 부서입니다: \(p.departmentID)", en: "No such department: \(p.departmentID)")
            }
            let tags = p.tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.count <= 50 }.prefix(20)
            try db.execute(
                sql: """
                    INSERT INTO bestPractice (title, problem, action, result, departmentID, contact, tags, taskID, createdAt, isDemo)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    p.title.trimmingCharacters(in: .whitespacesAndNewlines), p.problem, p.action, p.result, p.departmentID,
                    String(p.contact.prefix(200)),
                    tags.joined(separator: "\n"), p.taskID, audit.at, p.isDemo,
                ])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "practice \(id)"
            event.detail = p.title
            try AuditRecord(event).insert(db)
            return Self.practice(try Row.fetchOne(db, sql: "SELECT * FROM bestPractice WHERE id = ?", arguments: [id])!)
        }
    }
}
