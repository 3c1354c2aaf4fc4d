import Foundation
import MokminCore

/// A place alerts are sent to: a URL that receives a JSON POST for each alert start, end and acknowledgement.
public struct Webhook: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var url: String
    public var enabled: Bool
    public var createdBy: String?
    public var createdAt: Date
}

/// One alert change queued for one webhook, with its delivery state.
public struct WebhookDelivery: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var webhookID: Int64
    public var webhookName: String
    public var url: String
    public var alertID: Int64
    public var event: String
    public var payload: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var failedAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
}

/// Which alerts to list: open ones only, a text that the rule name, subject or message contains, a time range.
public struct AlertQuery: Sendable, Hashable {
    public var openOnly: Bool
    public var text: String?
    /// Local times `YYYY-MM-DDTHH:MM:SS`: alerts that started at or after `from` and at or before `to`.
    public var from: String?
    public var to: String?
    public var limit: Int

    public init(openOnly: Bool = false, text: String? = nil, from: String? = nil, to: String? = nil, limit: Int = 100) {
        self.openOnly = openOnly
        self.text = text
        self.from = from
        self.to = to
        self.limit = limit
    }
}

/// Alert rules, alerts and their webhooks.
public protocol AlertRepository: Sendable {
    func createRule(_ rule: AlertRule, audit: AuditEvent) async throws -> AlertRule
    func rules() async throws -> [AlertRule]
    func rule(id: Int64) async throws -> AlertRule?
    /// Removes a rule; its alerts stay in the history (an open one is closed).
    func removeRule(id: Int64, audit: AuditEvent) async throws

    /// The subjects with an open alert of the rule.
    func openSubjects(ruleID: Int64) async throws -> Set<String>
    /// Which of `subjects` ever had an alert of the rule.
    func seenSubjects(ruleID: Int64, among subjects: [String]) async throws -> Set<String>
    /// Opens and closes alerts of one rule in one transaction, with an `alert` event and a queued webhook delivery
    /// for each change.
    func apply(_ changes: [AlertChange], rule: AlertRule, at: Date) async throws -> (alerts: [Alert], events: [BoardEvent])
    /// Records who acknowledged an alert and when (the first acknowledgement stands).
    func acknowledge(id: Int64, by: String, at: Date) async throws -> (alert: Alert, events: [BoardEvent])
    func alerts(_ query: AlertQuery) async throws -> [Alert]
    func alert(id: Int64) async throws -> Alert?

    func createWebhook(name: String, url: String, audit: AuditEvent) async throws -> Webhook
    func webhooks() async throws -> [Webhook]
    func removeWebhook(id: Int64, audit: AuditEvent) async throws
    /// Deliveries whose next attempt is due at `at`, oldest first.
    func dueDeliveries(at: Date, limit: Int) async throws -> [WebhookDelivery]
    /// Logs one attempt. A success marks the delivery delivered; a failure schedules `nextAttemptAt`, or gives up
    /// when it is nil.
    func recordAttempt(deliveryID: Int64, at: Date, status: Int?, error: String?, milliseconds: Int, nextAttemptAt: Date?) async throws
    /// The newest deliveries first.
    func deliveries(limit: Int) async throws -> [WebhookDelivery]
}
