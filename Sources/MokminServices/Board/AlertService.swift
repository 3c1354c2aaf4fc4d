import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore

/// Alert rules and alerts: the same checks for the command line, the admin page and the JSON API; evaluation after
/// every feed run and on a timer (stale feeds, message alerts that expire); acknowledgements; webhooks.
///
/// What is open lives in the store, so a restart neither repeats nor loses an alert: the evaluator is told which
/// subjects are open and only opens the others.
public struct AlertService: Sendable {
    let store: any AlertRepository
    let feeds: any FeedRepository
    public let hub: BoardHub?
    let logger: Logger

    public init(alerts: any AlertRepository, feeds: any FeedRepository, hub: BoardHub? = nil, logger: Logger = Logger(label: "mokmin.alerts")) {
        self.store = alerts
        self.feeds = feeds
        self.hub = hub
        self.logger = logger
    }

    // MARK: Rules

    public func addRule(_ rule: AlertRule, actor: String?) async throws -> AlertRule {
        var rule = rule
        rule.name = rule.name.trimmingCharacters(in: .whitespaces)
        rule.target = rule.target.trimmingCharacters(in: .whitespaces)
        try rule.validate()
        return try await store.createRule(rule, audit: AuditEvent(actor: actor, action: "alertRule.add"))
    }

    /// Finds a rule by id or name.
    public func rule(_ reference: String) async throws -> AlertRule {
        let all = try await store.rules()
        if let id = Int64(reference), let rule = all.first(where: { $0.id == id }) { return rule }
        if let rule = all.first(where: { $0.name == reference }) { return rule }
        throw MokminError(.notFound, ko: "없는 경보 규칙입니다: \(reference)", en: "No such alert rule: \(reference)")
    }

    public func removeRule(_ reference: String, actor: String?) async throws {
        let rule = try await rule(reference)
        try await store.removeRule(id: rule.id ?? 0, audit: AuditEvent(actor: actor, action: "alertRule.remove", detail: "name=\(rule.name)"))
        await hub?.notify()
    }

    // MARK: Evaluation

    /// Evaluates the reading rules (threshold, grade, slow link) on the series whose latest value just changed.
    public func afterReadings(_ changed: [SeriesStatus], at: Date) async {
        guard let rules = try? await store.rules() else { return }
        for rule in rules where rule.enabled && [.threshold, .grade, .slowLink].contains(rule.kind) {
            let matching = changed.filter { rule.matches($0.id) && $0.time != nil }
            guard !matching.isEmpty, let id = rule.id else { continue }
            do {
                var recent: [String: [FeedReading]] = [:]
                if rule.kind == .slowLink, let minutes = rule.durationMinutes {
                    let newest = matching.compactMap(\.time).max() ?? LocalTime.string(at)
                    let since = LocalTime.string(localSeconds: (LocalTime.seconds(newest) ?? 0) - Int64(minutes) * 60 - 3600)
                    recent = try await feeds.readings(series: matching.map(\.id), since: since)
                }
                let observations = matching.map { status in
                    AlertObservation(series: status.id, latest: Self.reading(status), recent: recent[status.id] ?? [])
                }
                let changes = AlertEvaluator.evaluate(rule, open: try await store.openSubjects(ruleID: id), observations: observations)
                try await apply(changes, rule: rule, at: at)
            } catch {
                logger.error("alert rule evaluation failed", metadata: ["rule": "\(rule.name)", "error": "\(error)"])
            }
        }
    }

    /// Evaluates the message rules on messages not seen before.
    public func afterMessages(_ messages: [DisasterMessage], at: Date) async {
        guard let rules = try? await store.rules() else { return }
        for rule in rules where rule.enabled && rule.kind == .disaster {
            guard let id = rule.id else { continue }
            do {
                let open = try await store.openSubjects(ruleID: id)
                let seen = try await store.seenSubjects(ruleID: id, among: messages.map(\.serial))
                let changes = AlertEvaluator.evaluate(rule, open: open, seen: seen, messages: messages, now: at)
                try await apply(changes, rule: rule, at: at)
            } catch {
                logger.error("alert rule evaluation failed", metadata: ["rule": "\(rule.name)", "error": "\(error)"])
            }
        }
    }

    /// The timed checks: feeds that went stale or came back, and message alerts whose time is over.
    public func periodic(now: Date) async {
        guard let rules = try? await store.rules(), let all = try? await feeds.list() else { return }
        let freshness = all.filter(\.enabled).map { FeedFreshness(feedName: $0.name, lastFreshData: $0.lastFreshAt, createdAt: $0.createdAt) }
        for rule in rules where rule.enabled && (rule.kind == .staleFeed || rule.kind == .disaster) {
            guard let id = rule.id else { continue }
            do {
                let open = try await store.openSubjects(ruleID: id)
                let changes: [AlertChange]
                if rule.kind == .staleFeed {
                    // A stale rule's feed threshold is its own: the evaluator compares with the rule's minutes.
                    changes = AlertEvaluator.evaluate(rule, open: open, feeds: freshness, now: now)
                } else {
                    guard !open.isEmpty else { continue }
                    let messages = try await feeds.messages(limit: 500).filter { open.contains($0.serial) }
                    changes = AlertEvaluator.evaluate(rule, open: open, seen: Set(messages.map(\.serial)), messages: messages, now: now)
                }
                try await apply(changes, rule: rule, at: now)
            } catch {
                logger.error("alert rule evaluation failed", metadata: ["rule": "\(rule.name)", "error": "\(error)"])
            }
        }
    }

    private func apply(_ changes: [AlertChange], rule: AlertRule, at: Date) async throws {
        guard !changes.isEmpty else { return }
        let (opened, _) = try await store.apply(changes, rule: rule, at: at)
        for alert in opened {
            logger.notice(
                "alert \(alert.isOpen ? "started" : "ended")",
                metadata: ["rule": "\(rule.name)", "subject": "\(alert.subject)", "message": "\((alert.endMessage ?? alert.message).ko)"])
        }
        await hub?.notify()
    }

    static func reading(_ s: SeriesStatus) -> FeedReading {
        FeedReading(series: s.id, source: s.source, metric: s.metric, value: s.value, grade: s.grade, time: s.time ?? "", flagged: s.flagged)
    }

    // MARK: People

    public func acknowledge(id: Int64, by login: String, at: Date = Date()) async throws -> Alert {
        let (alert, _) = try await store.acknowledge(id: id, by: login, at: at)
        await hub?.notify()
        return alert
    }

    public func addWebhook(name: String, url: String, actor: String?) async throws -> Webhook {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw MokminError(.invalidInput, ko: "웹훅 이름은 1~100자입니다", en: "A webhook name has 1–100 characters")
        }
        try OutboundURL.checkStored(url)
        return try await store.createWebhook(
            name: name, url: url, audit: AuditEvent(actor: actor, action: "webhook.add", detail: "url=" + OutboundURL.redacted(url)))
    }

    /// Removes a webhook with its queued deliveries; the audit entry names it and its URL (secrets masked).
    public func removeWebhook(id: Int64, actor: String?, origin: String? = nil) async throws {
        guard let webhook = try await store.webhooks().first(where: { $0.id == id }) else {
            throw MokminError(.notFound, ko: "없는 웹훅입니다: \(id)", en: "No such webhook: \(id)")
        }
        let detail = "name=\(webhook.name) url=" + OutboundURL.redacted(webhook.url)
        try await store.removeWebhook(id: id, audit: AuditEvent(actor: actor, action: "webhook.remove", detail: detail, origin: origin))
    }

    /// The alert rules, in the order they were added.
    public func rules() async throws -> [AlertRule] { try await store.rules() }

    /// The alerts that match `query`, newest first.
    public func alerts(_ query: AlertQuery) async throws -> [Alert] { try await store.alerts(query) }

    /// The webhooks alerts are posted to.
    public func webhooks() async throws -> [Webhook] { try await store.webhooks() }

    /// The most recent webhook deliveries, newest first.
    public func deliveries(limit: Int) async throws -> [WebhookDelivery] { try await store.deliveries(limit: limit) }
}
