import Foundation
import Logging
import MokminBase
import MokminCore
import MokminPlan
import MokminStore
import NIOCore
import PostgresNIO

extension PostgresPlanRepository {
    /// Reports selected by `condition` (after `FROM planreport r`, `$n` bound to `binds`), with their typed values.
    static func reports(_ connection: PostgresConnection, _ condition: String, _ binds: PostgresBindings, logger: Logger) async throws
        -> [PeriodReport]
    {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT r.id, r.taskid, r.period, r.status, r.narrative, r.issues, r.nextsteps, r.updatedat, r.updatedby FROM planreport r \(condition)
                    ORDER BY r.period COLLATE "C", r.id
                    """, binds: binds), logger: logger
        ).decode((Int64, Int64, String, String, String, String, String, Date, String?).self).all()
        guard !rows.isEmpty else { return [] }
        var values: [Int64: [Int64: Double]] = [:]
        for try await (report, indicator, value) in try await connection.query(
            "SELECT reportid, indicatorid, value FROM planreportvalue WHERE reportid = ANY(\(rows.map(\.0)))", logger: logger
        ).decode((Int64, Int64, Double).self) {
            values[report, default: [:]][indicator] = value
        }
        return rows.compactMap { r in
            guard let period = Period(r.2), let status = ReportStatus(rawValue: r.3) else { return nil }
            return PeriodReport(
                id: r.0, taskID: r.1, period: period, status: status, narrative: r.4, issues: r.5, nextSteps: r.6, values: values[r.0] ?? [:],
                updatedAt: r.7, updatedBy: r.8)
        }
    }

    static func report(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> PeriodReport? {
        try await reports(connection, "WHERE r.id = $1", binds(id), logger: logger).first
    }

    public func report(id: Int64) async throws -> PeriodReport? {
        try await store.connection { try await Self.report($0, id: id, logger: logger) }
    }

    public func report(taskID: Int64, period: Period) async throws -> PeriodReport? {
        try await store.connection { connection in
            var binds = PostgresBindings()
            binds.append(taskID)
            binds.append(period.description)
            return try await Self.reports(connection, "WHERE r.taskid = $1 AND r.period = $2", binds, logger: logger).first
        }
    }

    static func event(
        _ connection: PostgresConnection, reportID: Int64, action: ReportAction, status: ReportStatus, comment: String, audit: AuditEvent,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO planreportevent (reportid, action, status, comment, actor, at)
            VALUES (\(reportID), \(action.rawValue), \(status.rawValue), \(comment), \(audit.actor), \(audit.at))
            """, logger: logger)
        var event = audit
        event.target = "report \(reportID)"
        event.detail = "\(action.rawValue) → \(status.rawValue)" + (comment.isEmpty ? "" : ": " + String(comment.prefix(200)))
        try await connection.record(event, logger: logger)
    }

    public func saveReport(taskID: Int64, period: Period, input: ReportInput, audit: AuditEvent) async throws -> PeriodReport {
        for text in [input.narrative, input.issues, input.nextSteps] where text.count > ReportInput.maxText {
            throw MokminError(
                .invalidInput, ko: "보고 내용은 항목당 \(ReportInput.maxText)자까지입니다", en: "Report fields take at most \(ReportInput.maxText) characters")
        }
        return try await store.transaction { connection in
            let manual = Set(
                try await connection.query("SELECT id FROM planindicator WHERE taskid = \(taskID) AND datasetslug IS NULL", logger: logger)
                    .decode(Int64.self).all())
            for (id, value) in input.values {
                guard manual.contains(id) else {
                    throw MokminError(.invalidInput, ko: "이 과제의 직접 입력 지표가 아닙니다: \(id)", en: "Not a hand-entered indicator of this task: \(id)")
                }
                guard value.isFinite, abs(value) <= 1e15 else {
                    throw MokminError(.invalidInput, ko: "지표값은 절댓값 10¹⁵ 이하의 수여야 합니다", en: "An indicator value is a number at most 10¹⁵ in size")
                }
            }
            // One report per task and period: savers of the same report take turns.
            try await connection.lock("report:\(taskID):\(period.description)", logger: logger)
            let reportID: Int64
            if let row = try await connection.query(
                "SELECT id, status FROM planreport WHERE taskid = \(taskID) AND period = \(period.description) FOR UPDATE", logger: logger
            ).decode((Int64, String).self).firstElement() {
                let status = ReportStatus(rawValue: row.1) ?? .draft
                guard status.isEditable else {
                    throw MokminError(
                        .conflict, ko: "\(status.koreanName) 상태의 보고는 고칠 수 없습니다", en: "A report that is \(status.rawValue) cannot be edited")
                }
                reportID = row.0
                try await connection.query(
                    """
                    UPDATE planreport SET narrative = \(input.narrative), issues = \(input.issues), nextsteps = \(input.nextSteps), updatedat = \(audit.at),
                        updatedby = \(audit.actor)
                    WHERE id = \(reportID)
                    """, logger: logger)
            } else {
                guard
                    try await connection.query("SELECT count(*) FROM plantask WHERE id = \(taskID)", logger: logger).decode(Int.self).firstElement()
                        ?? 0 > 0
                else { throw MokminError(.notFound, ko: "없는 과제입니다: \(taskID)", en: "No such task: \(taskID)") }
                reportID = try await connection.query(
                    """
                    INSERT INTO planreport (taskid, period, status, narrative, issues, nextsteps, updatedat, updatedby)
                    VALUES (\(taskID), \(period.description), 'draft', \(input.narrative), \(input.issues), \(input.nextSteps), \(audit.at), \(audit.actor))
                    RETURNING id
                    """, logger: logger
                ).decode(Int64.self).firstElement()!
            }
            try await connection.query("DELETE FROM planreportvalue WHERE reportid = \(reportID)", logger: logger)
            for (id, value) in input.values.sorted(by: { $0.key < $1.key }) {
                try await connection.query(
                    "INSERT INTO planreportvalue (reportid, indicatorid, value) VALUES (\(reportID), \(id), \(value))", logger: logger)
            }
            let status =
                ReportStatus(
                    rawValue: try await connection.query("SELECT status FROM planreport WHERE id = \(reportID)", logger: logger).decode(String.self)
                        .firstElement() ?? "") ?? .draft
            try await Self.event(connection, reportID: reportID, action: .save, status: status, comment: "", audit: audit, logger: logger)
            return try await Self.report(connection, id: reportID, logger: logger)!
        }
    }

    public func transition(reportID: Int64, action: ReportAction, comment: String, audit: AuditEvent) async throws -> PeriodReport {
        guard comment.count <= ReportInput.maxText else {
            throw MokminError(.invalidInput, ko: "의견은 \(ReportInput.maxText)자까지입니다", en: "A comment takes at most \(ReportInput.maxText) characters")
        }
        return try await store.transaction { connection in
            guard
                let raw = try await connection.query("SELECT status FROM planreport WHERE id = \(reportID) FOR UPDATE", logger: logger).decode(
                    String.self
                )
                .firstElement(),
                let status = ReportStatus(rawValue: raw)
            else { throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)") }
            let (from, to) = action.transition
            guard from.contains(status) else {
                throw MokminError(
                    .conflict, ko: "\(status.koreanName) 상태의 보고는 \(action.koreanName)할 수 없습니다",
                    en: "A report that is \(status.rawValue) cannot take the step '\(action.rawValue)'")
            }
            if action == .return && comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw MokminError(.invalidInput, ko: "보완 요청에는 의견이 필요합니다", en: "Returning a report needs a comment")
            }
            try await connection.query(
                "UPDATE planreport SET status = \(to.rawValue), updatedat = \(audit.at), updatedby = \(audit.actor) WHERE id = \(reportID)",
                logger: logger)
            try await Self.event(connection, reportID: reportID, action: action, status: to, comment: comment, audit: audit, logger: logger)
            return try await Self.report(connection, id: reportID, logger: logger)!
        }
    }

    public func events(reportID: Int64) async throws -> [ReportEvent] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT action, status, comment, actor, at FROM planreportevent WHERE reportid = \(reportID) ORDER BY id", logger: logger
            ).decode((String, String, String, String?, Date).self).all().map {
                ReportEvent(
                    action: ReportAction(rawValue: $0.0) ?? .save, status: ReportStatus(rawValue: $0.1) ?? .draft, comment: $0.2, actor: $0.3,
                    at: $0.4)
            }
        }
    }

    static let evidenceColumns = "id, reportid, filename, contenttype, size, uploadedby, uploadedat"
    typealias EvidenceRow = (Int64, Int64, String, String, Int, String?, Date)
    static func evidence(_ r: EvidenceRow) -> Evidence {
        Evidence(id: r.0, reportID: r.1, fileName: r.2, contentType: r.3, size: r.4, uploadedBy: r.5, uploadedAt: r.6)
    }

    public func addEvidence(reportID: Int64, fileName: String, contentType: String, data: Data, audit: AuditEvent) async throws -> Evidence {
        guard data.count <= Evidence.maxBytes else {
            throw MokminError(
                .invalidInput, ko: "증빙 파일은 \(Evidence.maxBytes / 1_048_576) MiB까지입니다",
                en: "Evidence files take at most \(Evidence.maxBytes / 1_048_576) MiB")
        }
        let name = String(fileName.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_").prefix(255))
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MokminError(.invalidInput, ko: "파일 이름이 비어 있습니다", en: "The file name is empty")
        }
        return try await store.transaction { connection in
            guard
                try await connection.query("SELECT count(*) FROM planreport WHERE id = \(reportID)", logger: logger).decode(Int.self).firstElement()
                    ?? 0 > 0
            else { throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)") }
            let bytes = ByteBuffer(bytes: data)
            let row = try await connection.query(
                """
                INSERT INTO planevidence (reportid, filename, contenttype, size, data, uploadedby, uploadedat)
                VALUES (\(reportID), \(name), \(contentType), \(data.count), \(bytes), \(audit.actor), \(audit.at))
                RETURNING id, reportid, filename, contenttype, size, uploadedby, uploadedat
                """, logger: logger
            ).decode(EvidenceRow.self).firstElement()!
            var event = audit
            event.target = "report \(reportID)"
            event.detail = "evidence \(row.0): \(name) (\(data.count) bytes)"
            try await connection.record(event, logger: logger)
            return Self.evidence(row)
        }
    }

    public func evidence(reportID: Int64) async throws -> [Evidence] {
        try await store.connection { connection in
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.evidenceColumns) FROM planevidence WHERE reportid = $1 ORDER BY id", binds: Self.binds(reportID)),
                logger: logger
            ).decode(EvidenceRow.self).all().map(Self.evidence)
        }
    }

    public func evidenceFile(id: Int64) async throws -> (Evidence, Data)? {
        try await store.connection { connection in
            guard
                let r = try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT \(Self.evidenceColumns), data FROM planevidence WHERE id = $1", binds: Self.binds(id)),
                    logger: logger
                ).decode((Int64, Int64, String, String, Int, String?, Date, ByteBuffer).self).firstElement()
            else { return nil }
            return (Self.evidence((r.0, r.1, r.2, r.3, r.4, r.5, r.6)), Data(r.7.readableBytesView))
        }
    }
}
