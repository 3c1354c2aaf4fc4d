import Foundation
import MokminCore

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
    /// Takes the due deliveries for one dispatcher: each is moved to `until`, so no other dispatcher (another server)
    /// takes it meanwhile; recording its attempt sets its real next attempt. A dispatcher that dies leaves it due again
    /// at `until`. Returns them as they were, oldest first.
    func claimDueDeliveries(at: Date, limit: Int, until: Date) async throws -> [WebhookDelivery]
    /// Logs one attempt. A success marks the delivery delivered; a failure schedules `nextAttemptAt`, or gives up
    /// when it is nil.
    func recordAttempt(deliveryID: Int64, at: Date, status: Int?, error: String?, milliseconds: Int, nextAttemptAt: Date?) async throws
    /// The newest deliveries first.
    func deliveries(limit: Int) async throws -> [WebhookDelivery]
}
