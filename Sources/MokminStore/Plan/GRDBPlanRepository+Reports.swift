import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminPlan

extension GRDBPlanRepository {
    /// Reports selected by `sql` (after `FROM planReport r`), with their typed values.
    static func reports(_ db: Database, sql: String, arguments: StatementArguments) throws -> [PeriodReport] {
        let rows = try Row.fetchAll(db, sql: "SELECT r.* FROM planReport r \(sql) ORDER BY r.period, r.id", arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var values: [Int64: [Int64: Double]] = [:]
        let ids = rows.map { $0["id"] as Int64 }
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM planReportValue WHERE reportID IN (SELECT value FROM json_each(?))",
            arguments: [String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)])
        {
            values[row["reportID"], default: [:]][row["indicatorID"]] = row["value"]
        }
        return rows.compactMap { row in
            guard let period = Period(row["period"] as String), let status = ReportStatus(rawValue: row["status"]) else { return nil }
            let id: Int64 = row["id"]
            return PeriodReport(
                id: id, taskID: row["taskID"], period: period, status: status, narrative: row["narrative"], issues: row["issues"],
                nextSteps: row["nextSteps"], values: values[id] ?? [:], updatedAt: row["updatedAt"], updatedBy: row["updatedBy"])
        }
    }

    public func report(id: Int64) async throws -> PeriodReport? {
        try await writer.read { db in try Self.reports(db, sql: "WHERE r.id = ?", arguments: [id]).first }
    }

    public func report(taskID: Int64, period: Period) async throws -> PeriodReport? {
        try await writer.read { db in try Self.reports(db, sql: "WHERE r.taskID = ? AND r.period = ?", arguments: [taskID, period.description]).first
        }
    }

    static func event(_ db: Database, reportID: Int64, action: ReportAction, status: ReportStatus, comment: String, audit: AuditEvent) throws {
        try db.execute(
            sql: "INSERT INTO planReportEvent (reportID, action, status, comment, actor, at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [reportID, action.rawValue, status.rawValue, comment, audit.actor, audit.at])
        var event = audit
        event.target = "report \(reportID)"
        event.detail = "\(action.rawValue) → \(status.rawValue)" + (comment.isEmpty ? "" : ": " + String(comment.prefix(200)))
        try AuditRecord(event).insert(db)
    }

    public func saveReport(taskID: Int64, period: Period, input: ReportInput, audit: AuditEvent) async throws -> PeriodReport {
        try await writer.write { db in
            for text in [input.narrative, input.issues, input.nextSteps] where text.count > ReportInput.maxText {
                throw MokminError(
                    .invalidInput, ko: "보고 내용은 항목당 \(ReportInput.maxText)자까지입니다", en: "Report fields take at most \(ReportInput.maxText) characters")
            }
            let manual = Set(
                try Int64.fetchAll(db, sql: "SELECT id FROM planIndicator WHERE taskID = ? AND datasetSlug IS NULL", arguments: [taskID]))
            for (id, value) in input.values {
                guard manual.contains(id) else {
                    throw MokminError(
                        .invalidInput, ko: "이 과제의 직접 입력 지표가 아닙니다: \(id)", en: "Not a hand-entered indicator of this task: \(id)")
                }
                guard value.isFinite, abs(value) <= 1e15 else {
                    throw MokminError(.invalidInput, ko: "지표값은 절댓값 10¹⁵ 이하의 수여야 합니다", en: "An indicator value is a number at most 10¹⁵ in size")
                }
            }
            let reportID: Int64
            if let row = try Row.fetchOne(
                db, sql: "SELECT id, status FROM planReport WHERE taskID = ? AND period = ?", arguments: [taskID, period.description])
            {
                let status = ReportStatus(rawValue: row["status"]) ?? .draft
                guard status.isEditable else {
                    throw MokminError(
                        .conflict, ko: "\(status.koreanName) 상태의 보고는 고칠 수 없습니다", en: "A report that is \(status.rawValue) cannot be edited")
                }
                reportID = row["id"]
                try db.execute(
                    sql: "UPDATE planReport SET narrative = ?, issues = ?, nextSteps = ?, updatedAt = ?, updatedBy = ? WHERE id = ?",
                    arguments: [input.narrative, input.issues, input.nextSteps, audit.at, audit.actor, reportID])
            } else {
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM planTask WHERE id = ?", arguments: [taskID]) ?? 0 > 0 else {
                    throw MokminError(.notFound, ko: "없는 과제입니다: \(taskID)", en: "No such task: \(taskID)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO planReport (taskID, period, status, narrative, issues, nextSteps, updatedAt, updatedBy)
                        VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)
                        """, arguments: [taskID, period.description, input.narrative, input.issues, input.nextSteps, audit.at, audit.actor])
                reportID = db.lastInsertedRowID
            }
            try db.execute(sql: "DELETE FROM planReportValue WHERE reportID = ?", arguments: [reportID])
            for (id, value) in input.values.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO planReportValue (reportID, indicatorID, value) VALUES (?, ?, ?)", arguments: [reportID, id, value])
            }
            let status =
                ReportStatus(rawValue: try String.fetchOne(db, sql: "SELECT status FROM planReport WHERE id = ?", arguments: [reportID]) ?? "")
                ?? .draft
            try Self.event(db, reportID: reportID, action: .save, status: status, comment: "", audit: audit)
            return try Self.reports(db, sql: "WHERE r.id = ?", arguments: [reportID])[0]
        }
    }

    public func transition(reportID: Int64, action: ReportAction, comment: String, audit: AuditEvent) async throws -> PeriodReport {
        try await writer.write { db in
            guard comment.count <= ReportInput.maxText else {
                throw MokminError(
                    .invalidInput, ko: "의견은 \(ReportInput.maxText)자까지입니다", en: "A comment takes at most \(ReportInput.maxText) characters")
            }
            guard let raw = try String.fetchOne(db, sql: "SELECT status FROM planReport WHERE id = ?", arguments: [reportID]),
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
            // The status moves only from the one read above: a concurrent step in between changes nothing here.
            try db.execute(
                sql: "UPDATE planReport SET status = ?, updatedAt = ?, updatedBy = ? WHERE id = ? AND status = ?",
                arguments: [to.rawValue, audit.at, audit.actor, reportID, raw])
            try Self.event(db, reportID: reportID, action: action, status: to, comment: comment, audit: audit)
            return try Self.reports(db, sql: "WHERE r.id = ?", arguments: [reportID])[0]
        }
    }

    public func events(reportID: Int64) async throws -> [ReportEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM planReportEvent WHERE reportID = ? ORDER BY id", arguments: [reportID]).map {
                ReportEvent(
                    action: ReportAction(rawValue: $0["action"]) ?? .save, status: ReportStatus(rawValue: $0["status"]) ?? .draft,
                    comment: $0["comment"], actor: $0["actor"], at: $0["at"])
            }
        }
    }

    static func evidence(_ row: Row) -> Evidence {
        Evidence(
            id: row["id"], reportID: row["reportID"], fileName: row["fileName"], contentType: row["contentType"], size: row["size"],
            uploadedBy: row["uploadedBy"], uploadedAt: row["uploadedAt"])
    }

    public func addEvidence(reportID: Int64, fileName: String, contentType: String, data: Data, audit: AuditEvent) async throws -> Evidence {
        try await writer.write { db in
            guard data.count <= Evidence.maxBytes else {
                throw MokminError(
                    .invalidInput, ko: "증빙 파일은 \(Evidence.maxBytes / 1_048_576) MiB까지입니다",
                    en: "Evidence files take at most \(Evidence.maxBytes / 1_048_576) MiB")
            }
            let name = String(fileName.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_").prefix(255))
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw MokminError(.invalidInput, ko: "파일 이름이 비어 있습니다", en: "The file name is empty")
            }
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM planReport WHERE id = ?", arguments: [reportID]) ?? 0 > 0 else {
                throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)")
            }
            try db.execute(
                sql: "INSERT INTO planEvidence (reportID, fileName, contentType, size, data, uploadedBy, uploadedAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [reportID, name, contentType, data.count, data, audit.actor, audit.at])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "report \(reportID)"
            event.detail = "evidence \(id): \(name) (\(data.count) bytes)"
            try AuditRecord(event).insert(db)
            return Self.evidence(
                try Row.fetchOne(
                    db, sql: "SELECT id, reportID, fileName, contentType, size, uploadedBy, uploadedAt FROM planEvidence WHERE id = ?",
                    arguments: [id])!)
        }
    }

    public func evidence(reportID: Int64) async throws -> [Evidence] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, reportID, fileName, contentType, size, uploadedBy, uploadedAt FROM planEvidence WHERE reportID = ? ORDER BY id",
                arguments: [reportID]
            ).map(Self.evidence)
        }
    }

    public func evidenceFile(id: Int64) async throws -> (Evidence, Data)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM planEvidence WHERE id = ?", arguments: [id]) else { return nil }
            return (Self.evidence(row), row["data"])
        }
    }
}
