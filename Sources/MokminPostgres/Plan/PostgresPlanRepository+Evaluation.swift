import Foundation
import Logging
import MokminBase
import MokminCore
import MokminPlan
import MokminStore
import PostgresNIO

extension PostgresPlanRepository {
    // MARK: Computed indicators

    public func computedIndicators(datasetSlug: String) async throws -> [Indicator] {
        try await store.connection { connection in
            var binds = PostgresBindings()
            binds.append(datasetSlug)
            return try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.indicatorColumns) FROM planindicator i WHERE i.datasetslug = $1 ORDER BY i.id", binds: binds),
                logger: logger
            ).decode(IndicatorRow.self).all().map(Self.indicator)
        }
    }

    public func recordComputed(indicatorID: Int64, version: DatasetVersion, values: [Period: Double], at: Date) async throws {
        try await store.transaction { connection in
            // Two servers recomputing after one publication take turns: the later replaces the earlier's values, as on
            // SQLite, instead of colliding on the key.
            try await connection.lock("indicator-values:\(indicatorID):\(version.id)", logger: logger)
            try await connection.query(
                "DELETE FROM planindicatorvalue WHERE indicatorid = \(indicatorID) AND datasetversionid = \(version.id)", logger: logger)
            for (period, value) in values.sorted(by: { $0.key < $1.key }) where value.isFinite {
                try await connection.query(
                    """
                    INSERT INTO planindicatorvalue (indicatorid, datasetversionid, period, value, computedat)
                    VALUES (\(indicatorID), \(version.id), \(period.description), \(value), \(at))
                    """, logger: logger)
            }
        }
    }

    public func computedHistory(indicatorID: Int64) async throws -> [IndicatorValue] {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT v.period, v.value, v.datasetversionid, dv.number, v.computedat FROM planindicatorvalue v
                JOIN datasetversion dv ON dv.id = v.datasetversionid
                WHERE v.indicatorid = \(indicatorID) ORDER BY v.datasetversionid DESC, v.period COLLATE "C"
                """, logger: logger
            ).decode((String, Double, Int64, Int, Date).self).all().compactMap { r in
                guard let period = Period(r.0) else { return nil }
                return IndicatorValue(
                    indicatorID: indicatorID, period: period, value: r.1, datasetVersionID: r.2, datasetVersionNumber: r.3, recordedAt: r.4)
            }
        }
    }

    // MARK: Evaluation

    static func framework(_ connection: PostgresConnection, year: Int, logger: Logger) async throws -> EvaluationFramework? {
        guard
            let (id, title) = try await connection.query("SELECT id, title FROM evaluationframework WHERE year = \(year)", logger: logger)
                .decode((Int64, String).self).firstElement()
        else { return nil }
        var indicators: [Int64: [EvaluationIndicator]] = [:]
        for try await r in try await connection.query(
            "SELECT id, areaid, code, title, points, evidence FROM evaluationindicator WHERE frameworkid = \(id) ORDER BY position", logger: logger
        ).decode((Int64, Int64, String, String, Double, String).self) {
            indicators[r.1, default: []].append(EvaluationIndicator(id: r.0, code: r.2, title: r.3, points: r.4, evidence: r.5))
        }
        let areas = try await connection.query(
            "SELECT id, title FROM evaluationarea WHERE frameworkid = \(id) ORDER BY position", logger: logger
        ).decode((Int64, String).self).all().map { EvaluationArea(id: $0.0, title: $0.1, indicators: indicators[$0.0] ?? []) }
        return EvaluationFramework(id: id, year: year, title: title, areas: areas)
    }

    public func framework(year: Int) async throws -> EvaluationFramework? {
        try await store.connection { try await Self.framework($0, year: year, logger: logger) }
    }

    public func storeFramework(_ draft: FrameworkDraft, audit: AuditEvent) async throws -> EvaluationFramework {
        guard Period.years.contains(draft.year), (1...300).contains(draft.title.trimmingCharacters(in: .whitespaces).count) else {
            throw MokminError(.invalidInput, ko: "평가 연도(1900–2200)와 제목이 필요합니다", en: "An evaluation needs a year (1900–2200) and a title")
        }
        let codes = draft.areas.flatMap { $0.indicators.map(\.code) }
        if Set(codes).count != codes.count {
            throw MokminError(.invalidInput, ko: "지표 번호가 중복됩니다", en: "An indicator code appears twice")
        }
        for indicator in draft.areas.flatMap(\.indicators) where !(indicator.points.isFinite && (0...1000).contains(indicator.points)) {
            throw MokminError(.invalidInput, ko: "배점은 0–1000이어야 합니다: \(indicator.code)", en: "Points must be 0–1000: \(indicator.code)")
        }
        return try await store.transaction { connection in
            try await connection.lock("evaluation:\(draft.year)", logger: logger)
            // Links of tasks to the old framework's indicators are kept by code.
            let links = try await connection.query(
                """
                SELECT e.taskid, i.code FROM plantaskevaluation e JOIN evaluationindicator i ON i.id = e.evaluationindicatorid
                JOIN evaluationframework f ON f.id = i.frameworkid WHERE f.year = \(draft.year)
                """, logger: logger
            ).decode((Int64, String).self).all()
            try await connection.query("DELETE FROM evaluationframework WHERE year = \(draft.year)", logger: logger)
            let frameworkID = try await connection.query(
                "INSERT INTO evaluationframework (year, title) VALUES (\(draft.year), \(draft.title)) RETURNING id", logger: logger
            ).decode(Int64.self).firstElement()!
            var byCode: [String: Int64] = [:]
            for (areaPosition, area) in draft.areas.enumerated() {
                let areaID = try await connection.query(
                    "INSERT INTO evaluationarea (frameworkid, position, title) VALUES (\(frameworkID), \(areaPosition + 1), \(area.title)) RETURNING id",
                    logger: logger
                ).decode(Int64.self).firstElement()!
                for (position, indicator) in area.indicators.enumerated() {
                    byCode[indicator.code] = try await connection.query(
                        """
                        INSERT INTO evaluationindicator (areaid, frameworkid, position, code, title, points, evidence)
                        VALUES (\(areaID), \(frameworkID), \(position + 1), \(indicator.code), \(indicator.title), \(indicator.points), \(indicator.evidence))
                        RETURNING id
                        """, logger: logger
                    ).decode(Int64.self).firstElement()!
                }
            }
            for (taskID, code) in links {
                if let id = byCode[code] {
                    try await connection.query(
                        "INSERT INTO plantaskevaluation (taskid, evaluationindicatorid) VALUES (\(taskID), \(id))", logger: logger)
                }
            }
            var event = audit
            event.target = "evaluation \(draft.year)"
            event.detail = "\(draft.areas.count) areas, \(codes.count) indicators"
            try await connection.record(event, logger: logger)
            return try await Self.framework(connection, year: draft.year, logger: logger)!
        }
    }

    // MARK: Best practices

    static let practiceColumns = "id, title, problem, action, result, departmentid, contact, tags, taskid, createdat, isdemo"
    typealias PracticeRow = (Int64, String, String, String, String, Int64, String, String, Int64?, Date, Bool)
    static func practice(_ r: PracticeRow) -> BestPractice {
        BestPractice(
            id: r.0, title: r.1, problem: r.2, action: r.3, result: r.4, departmentID: r.5, contact: r.6,
            tags: r.7.split(separator: "\n").map(String.init),
            taskID: r.8, createdAt: r.9, isDemo: r.10)
    }

    public func practices() async throws -> [BestPractice] {
        try await store.connection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.practiceColumns) FROM bestpractice ORDER BY createdat DESC, id DESC"), logger: logger
            ).decode(PracticeRow.self).all().map(Self.practice)
        }
    }

    public func practice(id: Int64) async throws -> BestPractice? {
        try await store.connection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.practiceColumns) FROM bestpractice WHERE id = $1", binds: Self.binds(id)), logger: logger
            ).decode(PracticeRow.self).firstElement().map(Self.practice)
        }
    }

    public func createPractice(_ p: NewBestPractice, audit: AuditEvent) async throws -> BestPractice {
        guard (1...300).contains(p.title.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw MokminError(.invalidInput, ko: "우수사례 제목은 1–300자여야 합니다", en: "A best practice's title has 1–300 characters")
        }
        for text in [p.problem, p.action, p.result] where text.count > ReportInput.maxText {
            throw MokminError(.invalidInput, ko: "항목당 \(ReportInput.maxText)자까지입니다", en: "At most \(ReportInput.maxText) characters per field")
        }
        return try await store.transaction { connection in
            guard
                try await connection.query("SELECT count(*) FROM department WHERE id = \(p.departmentID)", logger: logger).decode(Int.self)
                    .firstElement() ?? 0
                    > 0
            else { throw MokminError(.notFound, ko: "없는 부서입니다: \(p.departmentID)", en: "No such department: \(p.departmentID)") }
            let tags = p.tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.count <= 50 }.prefix(20)
            let id = try await connection.query(
                """
                INSERT INTO bestpractice (title, problem, action, result, departmentid, contact, tags, taskid, createdat, isdemo)
                VALUES (\(p.title.trimmingCharacters(in: .whitespacesAndNewlines)), \(p.problem), \(p.action), \(p.result), \(p.departmentID),
                    \(String(p.contact.prefix(200))), \(tags.joined(separator: "\n")), \(p.taskID), \(audit.at), \(p.isDemo))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
            var event = audit
            event.target = "practice \(id)"
            event.detail = p.title
            try await connection.record(event, logger: logger)
            return try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.practiceColumns) FROM bestpractice WHERE id = $1", binds: Self.binds(id)), logger: logger
            ).decode(PracticeRow.self).firstElement().map(Self.practice)!
        }
    }
}
