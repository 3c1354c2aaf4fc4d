import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of ``AlertRepository``. Webhook deliveries are claimed with `FOR UPDATE SKIP
/// LOCKED` (``claimDueDeliveries(at:limit:until:)``), so no two servers send the same one.
public struct PostgresAlertRepository: AlertRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let ruleColumns = "id, name, kind, target, direction, threshold, clearthreshold, mingrade, minlevel, durationminutes, severity, enabled"
    typealias RuleRow = (Int64, String, String, String, String?, Double?, Double?, Int?, String?, Int?, String, Bool)
    static func rule(_ r: RuleRow) -> AlertRule {
        AlertRule(
            id: r.0, name: r.1, kind: AlertRuleKind(rawValue: r.2) ?? .threshold, target: r.3, direction: r.4.flatMap(AlertDirection.init(rawValue:)),
            threshold: r.5, clearThreshold: r.6, minGrade: r.7, minLevel: r.8.flatMap(DisasterLevel.init(rawValue:)), durationMinutes: r.9,
            severity: AlertSeverity(rawValue: r.10) ?? .warning, enabled: r.11)
    }

    static let alertColumns = """
        id, ruleid, rulename, kind, subject, severity, startedat, endedat, value, messageko, messageen, endmessageko, endmessageen, acknowledgedby,
        acknowledgedat
        """
    typealias AlertRow = (Int64, Int64?, String, String, String, String, String, String?, Double?, String, String, String?, String?, String?, Date?)
    static func alert(_ r: AlertRow) -> Alert {
        Alert(
            id: r.0, ruleID: r.1, ruleName: r.2, kind: AlertRuleKind(rawValue: r.3) ?? .threshold, subject: r.4,
            severity: AlertSeverity(rawValue: r.5) ?? .warning, startedAt: r.6, endedAt: r.7, value: r.8, message: LocalizedText(ko: r.9, en: r.10),
            endMessage: r.11.map { LocalizedText(ko: $0, en: r.12 ?? $0) }, acknowledgedBy: r.13, acknowledgedAt: r.14)
    }

    static func rows(_ connection: PostgresConnection, _ sql: String, _ values: [any PostgresEncodable & Sendable] = [], logger: Logger) async throws
        -> PostgresRowSequence
    {
        var binds = PostgresBindings()
        for value in values { try binds.append(value) }
        return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }

    static func fetchAlert(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> Alert? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(alertColumns) FROM alert WHERE id = $1", binds: binds), logger: logger)
            .decode(AlertRow.self).firstElement().map(alert)
    }

    static func fetchRule(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> AlertRule? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(ruleColumns) FROM alertrule WHERE id = $1", binds: binds), logger: logger
        )
        .decode(RuleRow.self).firstElement().map(rule)
    }

    public func createRule(_ r: AlertRule, audit: AuditEvent) async throws -> AlertRule {
        do {
            return try await store.transaction { connection in
                let id = try await connection.query(
                    """
                    INSERT INTO alertrule (name, kind, target, direction, threshold, clearthreshold, mingrade, minlevel, durationminutes, severity, enabled,
                        createdby, createdat)
                    VALUES (\(r.name), \(r.kind.rawValue), \(r.target), \(r.direction?.rawValue), \(r.threshold), \(r.clearThreshold), \(r.minGrade),
                        \(r.minLevel?.rawValue), \(r.durationMinutes), \(r.severity.rawValue), \(r.enabled), \(audit.actor), \(audit.at))
                    RETURNING id
                    """, logger: logger
                ).decode(Int64.self).firstElement()!
                var event = audit
                event.target = "alertRule \(id)"
                event.detail = "name=\(r.name) kind=\(r.kind.rawValue) target=\(r.target)"
                try await connection.record(event, logger: logger)
                return try await Self.fetchRule(connection, id: id, logger: logger)!
            }
        } catch let error as PostgresStoreError where error.isUniqueViolation {
            throw MokminError(.conflict, ko: "같은 이름의 경보 규칙이 이미 있습니다: \(r.name)", en: "An alert rule with this name already exists: \(r.name)")
        }
    }

    public func rules() async throws -> [AlertRule] {
        try await store.connection {
            try await Self.rows($0, "SELECT \(Self.ruleColumns) FROM alertrule ORDER BY id", logger: logger).decode(RuleRow.self).all().map(Self.rule)
        }
    }

    public func rule(id: Int64) async throws -> AlertRule? {
        try await store.connection { try await Self.fetchRule($0, id: id, logger: logger) }
    }

    public func removeRule(id: Int64, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let now = LocalTime.string(audit.at)
            try await connection.query(
                """
                UPDATE alert SET endedat = GREATEST(startedat COLLATE "C", \(now)), endmessageko = '규칙 삭제로 종료',
                    endmessageen = 'closed: the rule was removed'
                WHERE ruleid = \(id) AND endedat IS NULL
                """, logger: logger)
            guard try await connection.count("DELETE FROM alertrule WHERE id = \(id) RETURNING 1", logger: logger) > 0 else {
                throw MokminError(.notFound, ko: "없는 경보 규칙입니다: \(id)", en: "No such alert rule: \(id)")
            }
            var event = audit
            event.target = "alertRule \(id)"
            try await connection.record(event, logger: logger)
        }
    }

    public func openSubjects(ruleID: Int64) async throws -> Set<String> {
        try await store.connection { connection in
            Set(
                try await connection.query("SELECT subject FROM alert WHERE ruleid = \(ruleID) AND endedat IS NULL", logger: logger).decode(
                    String.self
                ).all())
        }
    }

    public func seenSubjects(ruleID: Int64, among subjects: [String]) async throws -> Set<String> {
        guard !subjects.isEmpty else { return [] }
        return try await store.connection { connection in
            Set(
                try await connection.query(
                    "SELECT DISTINCT subject FROM alert WHERE ruleid = \(ruleID) AND subject = ANY(\(subjects))", logger: logger
                ).decode(String.self).all())
        }
    }

    public func apply(_ changes: [AlertChange], rule: AlertRule, at: Date) async throws -> (alerts: [Alert], events: [BoardEvent]) {
        guard !changes.isEmpty else { return ([], []) }
        return try await store.transaction { connection in
            var alerts: [Alert] = []
            var events: [BoardEvent] = []
            for change in changes {
                let id: Int64?
                switch change.action {
                case .start:
                    // At most one open alert per rule and subject (the partial unique index): a second start does nothing.
                    id = try await connection.query(
                        """
                        INSERT INTO alert (ruleid, rulename, kind, subject, severity, startedat, value, messageko, messageen, createdat)
                        VALUES (\(rule.id), \(rule.name), \(rule.kind.rawValue), \(change.subject), \(change.severity.rawValue), \(change.at),
                            \(change.value), \(change.message.ko), \(change.message.en), \(at))
                        ON CONFLICT (ruleid, subject) WHERE endedat IS NULL DO NOTHING
                        RETURNING id
                        """, logger: logger
                    ).decode(Int64.self).firstElement()
                case .end:
                    id = try await connection.query(
                        """
                        UPDATE alert SET endedat = GREATEST(startedat COLLATE "C", \(change.at)), endmessageko = \(change.message.ko),
                            endmessageen = \(change.message.en)
                        WHERE ruleid IS NOT DISTINCT FROM \(rule.id) AND subject = \(change.subject) AND endedat IS NULL
                        RETURNING id
                        """, logger: logger
                    ).decode(Int64.self).firstElement()
                }
                guard let id, let alert = try await Self.fetchAlert(connection, id: id, logger: logger) else { continue }
                alerts.append(alert)
                events.append(try await Self.publish(connection, alert: alert, change: change.action.rawValue, at: at, logger: logger))
            }
            return (alerts, events)
        }
    }

    /// The `alert` event's data and each enabled webhook's payload (the same JSON as on SQLite).
    struct AlertNotice: Encodable {
        var change: String
        var alert: Alert
    }

    /// Appends the `alert` event and queues a delivery to each enabled webhook, in the caller's transaction.
    static func publish(_ connection: PostgresConnection, alert: Alert, change: String, at: Date, logger: Logger) async throws -> BoardEvent {
        let data = try BoardJSON.encode(AlertNotice(change: change, alert: alert))
        try await connection.query(
            """
            INSERT INTO webhookdelivery (webhookid, alertid, event, payload, nextattemptat, createdat)
            SELECT id, \(alert.id), \(change), \(data), \(at), \(at) FROM webhook WHERE enabled ORDER BY id
            """, logger: logger)
        return try await PostgresBoardEvents.append(connection, kind: .alert, data: data, at: at, logger: logger)
    }

    public func acknowledge(id: Int64, by: String, at: Date) async throws -> (alert: Alert, events: [BoardEvent]) {
        try await store.transaction { connection in
            guard
                let current = try await connection.query("SELECT id FROM alert WHERE id = \(id) FOR UPDATE", logger: logger).decode(Int64.self)
                    .firstElement()
                    .map({ _ in () }),
                let alert = try await Self.fetchAlert(connection, id: id, logger: logger)
            else {
                throw MokminError(.notFound, ko: "없는 경보입니다: \(id)", en: "No such alert: \(id)")
            }
            _ = current
            guard alert.acknowledgedBy == nil else { return (alert, []) }
            try await connection.query("UPDATE alert SET acknowledgedby = \(by), acknowledgedat = \(at) WHERE id = \(id)", logger: logger)
            try await connection.record(AuditEvent(actor: by, action: "alert.ack", target: "alert \(id)", at: at), logger: logger)
            let acknowledged = try await Self.fetchAlert(connection, id: id, logger: logger)!
            return (acknowledged, [try await Self.publish(connection, alert: acknowledged, change: "ack", at: at, logger: logger)])
        }
    }

    public func alerts(_ q: AlertQuery) async throws -> [Alert] {
        try await store.connection { connection in
            var sql = "SELECT \(Self.alertColumns) FROM alert WHERE true"
            var values: [any PostgresEncodable & Sendable] = []
            if q.openOnly { sql += " AND endedat IS NULL" }
            if let text = q.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                values.append(text)
                sql +=
                    " AND (strpos(rulename, $1) > 0 OR strpos(subject, $1) > 0 OR strpos(messageko, $1) > 0 OR strpos(lower(messageen), lower($1)) > 0)"
            }
            if let from = q.from {
                values.append(from)
                sql += " AND startedat COLLATE \"C\" >= $\(values.count)"
            }
            if let to = q.to {
                values.append(to)
                sql += " AND startedat COLLATE \"C\" <= $\(values.count)"
            }
            values.append(q.limit)
            sql += " ORDER BY startedat COLLATE \"C\" DESC, id DESC LIMIT $\(values.count)"
            return try await Self.rows(connection, sql, values, logger: logger).decode(AlertRow.self).all().map(Self.alert)
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await store.connection { try await Self.fetchAlert($0, id: id, logger: logger) }
    }

    // MARK: Webhooks

    static let deliveryColumns = """
        d.id, d.webhookid, w.name, w.url, d.alertid, d.event, d.payload, d.attempts, d.nextattemptat, d.deliveredat, d.failedat, d.laststatus,
        d.lasterror, d.createdat
        """
    typealias DeliveryRow = (Int64, Int64, String, String, Int64, String, String, Int, Date?, Date?, Date?, Int?, String?, Date)
    static func delivery(_ r: DeliveryRow) -> WebhookDelivery {
        WebhookDelivery(
            id: r.0, webhookID: r.1, webhookName: r.2, url: r.3, alertID: r.4, event: r.5, payload: r.6, attempts: r.7, nextAttemptAt: r.8,
            deliveredAt: r.9, failedAt: r.10, lastStatus: r.11, lastError: r.12, createdAt: r.13)
    }

    public func createWebhook(name: String, url: String, audit: AuditEvent) async throws -> Webhook {
        do {
            return try await store.transaction { connection in
                let row = try await connection.query(
                    """
                    INSERT INTO webhook (name, url, createdby, createdat) VALUES (\(name), \(url), \(audit.actor), \(audit.at))
                    RETURNING id, name, url, enabled, createdby, createdat
                    """, logger: logger
                ).decode((Int64, String, String, Bool, String?, Date).self).firstElement()!
                var event = audit
                event.target = "webhook \(row.0)"
                event.detail = "name=\(name)" + (audit.detail.map { " " + $0 } ?? "")
                try await connection.record(event, logger: logger)
                return Webhook(id: row.0, name: row.1, url: row.2, enabled: row.3, createdBy: row.4, createdAt: row.5)
            }
        } catch let error as PostgresStoreError where error.isUniqueViolation {
            throw MokminError(.conflict, ko: "같은 이름의 웹훅이 이미 있습니다: \(name)", en: "A webhook with this name already exists: \(name)")
        }
    }

    public func webhooks() async throws -> [Webhook] {
        try await store.connection { connection in
            try await connection.query("SELECT id, name, url, enabled, createdby, createdat FROM webhook ORDER BY id", logger: logger)
                .decode((Int64, String, String, Bool, String?, Date).self).all()
                .map { Webhook(id: $0.0, name: $0.1, url: $0.2, enabled: $0.3, createdBy: $0.4, createdAt: $0.5) }
        }
    }

    public func removeWebhook(id: Int64, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard try await connection.count("DELETE FROM webhook WHERE id = \(id) RETURNING 1", logger: logger) > 0 else {
                throw MokminError(.notFound, ko: "없는 웹훅입니다: \(id)", en: "No such webhook: \(id)")
            }
            var event = audit
            event.target = "webhook \(id)"
            try await connection.record(event, logger: logger)
        }
    }

    public func dueDeliveries(at: Date, limit: Int) async throws -> [WebhookDelivery] {
        try await store.connection { connection in
            try await Self.rows(
                connection,
                """
                SELECT \(Self.deliveryColumns) FROM webhookdelivery d JOIN webhook w ON w.id = d.webhookid
                WHERE d.nextattemptat IS NOT NULL AND d.nextattemptat <= $1 ORDER BY d.nextattemptat, d.id LIMIT $2
                """, [at, limit], logger: logger
            ).decode(DeliveryRow.self).all().map(Self.delivery)
        }
    }

    /// Rows other servers are claiming are skipped (`FOR UPDATE SKIP LOCKED`), so each due delivery goes to one dispatcher.
    public func claimDueDeliveries(at: Date, limit: Int, until: Date) async throws -> [WebhookDelivery] {
        try await store.transaction { connection in
            let ids = try await connection.query(
                """
                SELECT id FROM webhookdelivery WHERE nextattemptat IS NOT NULL AND nextattemptat <= \(at)
                ORDER BY nextattemptat, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """, logger: logger
            ).decode(Int64.self).all()
            guard !ids.isEmpty else { return [] }
            let rows = try await Self.rows(
                connection,
                "SELECT \(Self.deliveryColumns) FROM webhookdelivery d JOIN webhook w ON w.id = d.webhookid WHERE d.id = ANY($1) ORDER BY d.nextattemptat, d.id",
                [ids], logger: logger
            ).decode(DeliveryRow.self).all()
            try await connection.query("UPDATE webhookdelivery SET nextattemptat = \(until) WHERE id = ANY(\(ids))", logger: logger)
            return rows.map(Self.delivery)
        }
    }

    public func recordAttempt(deliveryID: Int64, at: Date, status: Int?, error: String?, milliseconds: Int, nextAttemptAt: Date?) async throws {
        try await store.transaction { connection in
            try await connection.query(
                """
                INSERT INTO webhookattempt (deliveryid, attempt, at, status, error, milliseconds)
                SELECT id, attempts + 1, \(at), \(status), \(error), \(milliseconds) FROM webhookdelivery WHERE id = \(deliveryID)
                """, logger: logger)
            if error == nil {
                try await connection.query(
                    """
                    UPDATE webhookdelivery SET attempts = attempts + 1, deliveredat = \(at), nextattemptat = NULL, laststatus = \(status), lasterror = NULL
                    WHERE id = \(deliveryID)
                    """, logger: logger)
            } else {
                let failedAt: Date? = nextAttemptAt == nil ? at : nil
                try await connection.query(
                    """
                    UPDATE webhookdelivery SET attempts = attempts + 1, nextattemptat = \(nextAttemptAt), laststatus = \(status), lasterror = \(error),
                      failedat = \(failedAt)
                    WHERE id = \(deliveryID)
                    """, logger: logger)
            }
        }
    }

    public func deliveries(limit: Int) async throws -> [WebhookDelivery] {
        try await store.connection { connection in
            try await Self.rows(
                connection, "SELECT \(Self.deliveryColumns) FROM webhookdelivery d JOIN webhook w ON w.id = d.webhookid ORDER BY d.id DESC LIMIT $1",
                [limit], logger: logger
            ).decode(DeliveryRow.self).all().map(Self.delivery)
        }
    }
}
