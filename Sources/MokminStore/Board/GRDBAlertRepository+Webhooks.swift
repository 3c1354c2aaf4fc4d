import Foundation
import GRDB
import MokminBase
import MokminCore

extension GRDBAlertRepository {
    static func webhook(_ row: Row) -> Webhook {
        Webhook(id: row["id"], name: row["name"], url: row["url"], enabled: row["enabled"], createdBy: row["createdBy"], createdAt: row["createdAt"])
    }

    static func delivery(_ row: Row) -> WebhookDelivery {
        WebhookDelivery(
            id: row["id"], webhookID: row["webhookID"], webhookName: row["webhookName"], url: row["url"], alertID: row["alertID"],
            event: row["event"], payload: row["payload"], attempts: row["attempts"], nextAttemptAt: row["nextAttemptAt"],
            deliveredAt: row["deliveredAt"], failedAt: row["failedAt"], lastStatus: row["lastStatus"], lastError: row["lastError"],
            createdAt: row["createdAt"])
    }

    static let deliverySelect = """
        SELECT d.*, w.name AS webhookName, w.url AS url FROM webhookDelivery d JOIN webhook w ON w.id = d.webhookID
        """

    public func createWebhook(name: String, url: String, audit: AuditEvent) async throws -> Webhook {
        try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook WHERE name = ?", arguments: [name]) ?? 0 > 0 {
                throw MokminError(.conflict, ko: "같은 이름의 웹훅이 이미 있습니다: \(name)", en: "A webhook with this name already exists: \(name)")
            }
            try db.execute(
                sql: "INSERT INTO webhook (name, url, createdBy, createdAt) VALUES (?, ?, ?, ?)", arguments: [name, url, audit.actor, audit.at])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "webhook \(id)"
            event.detail = "name=\(name)" + (audit.detail.map { " " + $0 } ?? "")
            try AuditRecord(event).insert(db)
            return Self.webhook(try Row.fetchOne(db, sql: "SELECT * FROM webhook WHERE id = ?", arguments: [id])!)
        }
    }

    public func webhooks() async throws -> [Webhook] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM webhook ORDER BY id").map(Self.webhook) }
    }

    public func removeWebhook(id: Int64, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM webhook WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw MokminError(.notFound, ko: "없는 웹훅입니다: \(id)", en: "No such webhook: \(id)") }
            var event = audit
            event.target = "webhook \(id)"
            try AuditRecord(event).insert(db)
        }
    }

    public func dueDeliveries(at: Date, limit: Int) async throws -> [WebhookDelivery] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: Self.deliverySelect + " WHERE d.nextAttemptAt IS NOT NULL AND d.nextAttemptAt <= ? ORDER BY d.nextAttemptAt, d.id LIMIT ?",
                arguments: [at, limit]
            ).map(Self.delivery)
        }
    }

    public func claimDueDeliveries(at: Date, limit: Int, until: Date) async throws -> [WebhookDelivery] {
        try await writer.write { db in
            let due = try Row.fetchAll(
                db, sql: Self.deliverySelect + " WHERE d.nextAttemptAt IS NOT NULL AND d.nextAttemptAt <= ? ORDER BY d.nextAttemptAt, d.id LIMIT ?",
                arguments: [at, limit]
            ).map(Self.delivery)
            for delivery in due {
                try db.execute(sql: "UPDATE webhookDelivery SET nextAttemptAt = ? WHERE id = ?", arguments: [until, delivery.id])
            }
            return due
        }
    }

    public func recordAttempt(deliveryID: Int64, at: Date, status: Int?, error: String?, milliseconds: Int, nextAttemptAt: Date?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhookAttempt (deliveryID, attempt, at, status, error, milliseconds)
                    SELECT id, attempts + 1, ?, ?, ?, ? FROM webhookDelivery WHERE id = ?
                    """, arguments: [at, status, error, milliseconds, deliveryID])
            if error == nil {
                try db.execute(
                    sql: """
                        UPDATE webhookDelivery SET attempts = attempts + 1, deliveredAt = ?, nextAttemptAt = NULL, lastStatus = ?, lastError = NULL
                        WHERE id = ?
                        """, arguments: [at, status, deliveryID])
            } else {
                try db.execute(
                    sql: """
                        UPDATE webhookDelivery SET attempts = attempts + 1, nextAttemptAt = ?, lastStatus = ?, lastError = ?,
                          failedAt = CASE WHEN ? IS NULL THEN ? ELSE NULL END
                        WHERE id = ?
                        """, arguments: [nextAttemptAt, status, error, nextAttemptAt, at, deliveryID])
            }
        }
    }

    public func deliveries(limit: Int) async throws -> [WebhookDelivery] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: Self.deliverySelect + " ORDER BY d.id DESC LIMIT ?", arguments: [limit]).map(Self.delivery)
        }
    }
}
