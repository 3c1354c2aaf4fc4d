import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of ``AlertRepository``.
public struct GRDBAlertRepository: AlertRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func rule(_ row: Row) -> AlertRule {
        AlertRule(
            id: row["id"], name: row["name"], kind: AlertRuleKind(rawValue: row["kind"]) ?? .threshold, target: row["target"],
            direction: (row["direction"] as String?).flatMap(AlertDirection.init(rawValue:)), threshold: row["threshold"],
            clearThreshold: row["clearThreshold"], minGrade: row["minGrade"],
            minLevel: (row["minLevel"] as String?).flatMap(DisasterLevel.init(rawValue:)), durationMinutes: row["durationMinutes"],
            severity: AlertSeverity(rawValue: row["severity"]) ?? .warning, enabled: row["enabled"])
    }

    static func alert(_ row: Row) -> Alert {
        let endKo: String? = row["endMessageKo"], endEn: String? = row["endMessageEn"]
        return Alert(
            id: row["id"], ruleID: row["ruleID"], ruleName: row["ruleName"], kind: AlertRuleKind(rawValue: row["kind"]) ?? .threshold,
            subject: row["subject"], severity: AlertSeverity(rawValue: row["severity"]) ?? .warning, startedAt: row["startedAt"],
            endedAt: row["endedAt"], value: row["value"], message: LocalizedText(ko: row["messageKo"], en: row["messageEn"]),
            endMessage: endKo.map { LocalizedText(ko: $0, en: endEn ?? $0) }, acknowledgedBy: row["acknowledgedBy"],
            acknowledgedAt: row["acknowledgedAt"])
    }

    public func createRule(_ r: AlertRule, audit: AuditEvent) async throws -> AlertRule {
        try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alertRule WHERE name = ?", arguments: [r.name]) ?? 0 > 0 {
                throw MokminError(.conflict, ko: "같은 이름의 경보 규칙이 이미 있습니다: \(r.name)", en: "An alert rule with this name already exists: \(r.name)")
            }
            try db.execute(
                sql: """
                    INSERT INTO alertRule (name, kind, target, direction, threshold, clearThreshold, minGrade, minLevel, durationMinutes,
                      severity, enabled, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    r.name, r.kind.rawValue, r.target, r.direction?.rawValue, r.threshold, r.clearThreshold, r.minGrade, r.minLevel?.rawValue,
                    r.durationMinutes, r.severity.rawValue, r.enabled, audit.actor, audit.at,
                ])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "alertRule \(id)"
            event.detail = "name=\(r.name) kind=\(r.kind.rawValue) target=\(r.target)"
            try AuditRecord(event).insert(db)
            return Self.rule(try Row.fetchOne(db, sql: "SELECT * FROM alertRule WHERE id = ?", arguments: [id])!)
        }
    }

    public func rules() async throws -> [AlertRule] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM alertRule ORDER BY id").map(Self.rule) }
    }

    public func rule(id: Int64) async throws -> AlertRule? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM alertRule WHERE id = ?", arguments: [id]).map(Self.rule) }
    }

    public func removeRule(id: Int64, audit: AuditEvent) async throws {
        try await writer.write { db in
            let now = LocalTime.string(audit.at)
            try db.execute(
                sql: """
                    UPDATE alert SET endedAt = MAX(startedAt, ?), endMessageKo = '규칙 삭제로 종료', endMessageEn = 'closed: the rule was removed'
                    WHERE ruleID = ? AND endedAt IS NULL
                    """, arguments: [now, id])
            try db.execute(sql: "DELETE FROM alertRule WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 경보 규칙입니다: \(id)", en: "No such alert rule: \(id)") }
            var event = audit
            event.target = "alertRule \(id)"
            try AuditRecord(event).insert(db)
        }
    }

    public func openSubjects(ruleID: Int64) async throws -> Set<String> {
        try await writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT subject FROM alert WHERE ruleID = ? AND endedAt IS NULL", arguments: [ruleID]))
        }
    }

    public func seenSubjects(ruleID: Int64, among subjects: [String]) async throws -> Set<String> {
        guard !subjects.isEmpty else { return [] }
        return try await writer.read { db in
            var seen = Set<String>()
            for subject in subjects
            where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM alert WHERE ruleID = ? AND subject = ?)", arguments: [ruleID, subject])
                ?? false
            {
                seen.insert(subject)
            }
            return seen
        }
    }

    public func apply(_ changes: [AlertChange], rule: AlertRule, at: Date) async throws -> (alerts: [Alert], events: [BoardEvent]) {
        guard !changes.isEmpty else { return ([], []) }
        return try await writer.write { db in
            var alerts: [Alert] = []
            var events: [BoardEvent] = []
            for change in changes {
                let id: Int64?
                switch change.action {
                case .start:
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO alert (ruleID, ruleName, kind, subject, severity, startedAt, value, messageKo, messageEn, createdAt)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            rule.id, rule.name, rule.kind.rawValue, change.subject, change.severity.rawValue, change.at, change.value,
                            change.message.ko, change.message.en, at,
                        ])
                    id = db.changesCount > 0 ? db.lastInsertedRowID : nil
                case .end:
                    id = try Int64.fetchOne(
                        db, sql: "SELECT id FROM alert WHERE ruleID IS ? AND subject = ? AND endedAt IS NULL", arguments: [rule.id, change.subject])
                    if let id {
                        try db.execute(
                            sql: "UPDATE alert SET endedAt = MAX(startedAt, ?), endMessageKo = ?, endMessageEn = ? WHERE id = ?",
                            arguments: [change.at, change.message.ko, change.message.en, id])
                    }
                }
                guard let id, let alert = try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id]).map(Self.alert) else {
                    continue
                }
                alerts.append(alert)
                events.append(try Self.publish(db, alert: alert, change: change.action.rawValue, at: at))
            }
            return (alerts, events)
        }
    }

    /// The `alert` event's data and each enabled webhook's payload.
    struct AlertNotice: Encodable {
        var change: String
        var alert: Alert
    }

    /// Appends the `alert` event and queues a delivery to each enabled webhook, in the caller's transaction.
    static func publish(_ db: Database, alert: Alert, change: String, at: Date) throws -> BoardEvent {
        let data = try BoardJSON.encode(AlertNotice(change: change, alert: alert))
        for webhook in try Int64.fetchAll(db, sql: "SELECT id FROM webhook WHERE enabled") {
            try db.execute(
                sql: """
                    INSERT INTO webhookDelivery (webhookID, alertID, event, payload, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [webhook, alert.id, change, data, at, at])
        }
        return try BoardEventLog.append(db, kind: .alert, data: data, at: at)
    }

    public func acknowledge(id: Int64, by: String, at: Date) async throws -> (alert: Alert, events: [BoardEvent]) {
        try await writer.write { db in
            guard let current = try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id]).map(Self.alert) else {
                throw MokminError(.notFound, ko: "없는 경보입니다: \(id)", en: "No such alert: \(id)")
            }
            guard current.acknowledgedBy == nil else { return (current, []) }
            try db.execute(sql: "UPDATE alert SET acknowledgedBy = ?, acknowledgedAt = ? WHERE id = ?", arguments: [by, at, id])
            try AuditRecord(AuditEvent(actor: by, action: "alert.ack", target: "alert \(id)", at: at)).insert(db)
            let alert = Self.alert(try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id])!)
            return (alert, [try Self.publish(db, alert: alert, change: "ack", at: at)])
        }
    }

    public func alerts(_ q: AlertQuery) async throws -> [Alert] {
        try await writer.read { db in
            var sql = "SELECT * FROM alert WHERE 1"
            var arguments = StatementArguments()
            if q.openOnly { sql += " AND endedAt IS NULL" }
            if let text = q.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                sql += " AND (instr(ruleName, ?) > 0 OR instr(subject, ?) > 0 OR instr(messageKo, ?) > 0 OR instr(lower(messageEn), lower(?)) > 0)"
                arguments += [text, text, text, text]
            }
            if let from = q.from {
                sql += " AND startedAt >= ?"
                arguments += [from]
            }
            if let to = q.to {
                sql += " AND startedAt <= ?"
                arguments += [to]
            }
            sql += " ORDER BY startedAt DESC, id DESC LIMIT ?"
            arguments += [q.limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert)
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id]).map(Self.alert) }
    }
}
