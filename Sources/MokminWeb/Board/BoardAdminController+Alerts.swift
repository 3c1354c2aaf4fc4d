import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

extension BoardAdminController {
    func renderRules(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let en = context.language == "en"
        let rules: [[String: Any]] = try await alerts.rules().map { rule in
            [
                "id": rule.id ?? 0, "name": rule.name, "kind": en ? rule.kind.englishName : rule.kind.koreanName, "target": rule.target,
                "condition": Self.condition(rule), "severity": rule.severity.rawValue, "severity_name": en ? rule.severity.englishName : rule.severity.koreanName,
            ]
        }
        var values = extra
        values["rules"] = rules
        values["kinds"] = AlertRuleKind.allCases.map { ["value": $0.rawValue, "name": en ? $0.englishName : $0.koreanName] }
        values["severities"] = AlertSeverity.allCases.map { ["value": $0.rawValue, "name": en ? $0.englishName : $0.koreanName] }
        values["levels"] = DisasterLevel.allCases.map { ["value": $0.rawValue, "name": en ? $0.englishName : $0.koreanName] }
        if let principal = context.principal, principal.role >= .admin {
            values["can_webhooks"] = true
            values["webhooks"] = try await alerts.webhooks().map { ["id": $0.id, "name": $0.name, "url": $0.url] }
            values["deliveries"] = try await alerts.deliveries(limit: 20).map { d -> [String: Any] in
                [
                    "webhook": d.webhookName, "alert": d.alertID, "event": d.event, "attempts": d.attempts, "status": d.lastStatus.map(String.init) ?? "–",
                    "error": d.lastError ?? "", "delivered": Self.time(d.deliveredAt), "next": Self.time(d.nextAttemptAt), "gave_up": d.failedAt != nil,
                ]
            }
        }
        return views.page("admin_alerts", values, context: context, request: request, status: status)
    }

    static func condition(_ r: AlertRule) -> String {
        func n(_ v: Double?) -> String { v.map(AlertText.number) ?? "?" }
        switch r.kind {
        case .threshold: return "\(r.direction == .below ? "≤" : "≥") \(n(r.threshold)) · \(r.direction == .below ? ">" : "<") \(n(r.clearThreshold ?? r.threshold))"
        case .grade: return "≥ \(r.minGrade ?? 0)"
        case .disaster: return "≥ \(r.minLevel?.rawValue ?? "?") · \(r.durationMinutes ?? AlertRule.defaultDisasterMinutes) min"
        case .slowLink: return "< \(n(r.threshold)) km/h · \(r.durationMinutes ?? 0) min"
        case .staleFeed: return "\(r.durationMinutes ?? 0) min"
        }
    }

    @Sendable func rulesPage(_ request: Request, context: AppRequestContext) async throws -> Response { try await renderRules(request, context) }

    @Sendable func addRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        return try await act(request, context, back: "/admin/alerts", page: renderRules) {
            guard let kind = try form.text(Input.kind).flatMap(AlertRuleKind.init(rawValue:)) else {
                throw MokminError(.invalidInput, ko: "규칙 종류를 고르세요", en: "Choose the rule's kind")
            }
            let rule = AlertRule(
                name: try form.text(Input.name) ?? "", kind: kind, target: try form.text(Input.target) ?? "",
                direction: try form.text(Input.direction).flatMap(AlertDirection.init(rawValue:)), threshold: try form.number(Input.threshold),
                clearThreshold: try form.number(Input.clearThreshold), minGrade: try form.integer(Input.minGrade),
                minLevel: try form.text(Input.minLevel).flatMap { DisasterLevel(text: $0) }, durationMinutes: try form.integer(Input.minutes),
                severity: try form.text(Input.severity).flatMap(AlertSeverity.init(rawValue:)) ?? .warning)
            _ = try await alerts.addRule(rule, actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func removeRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await act(request, context, back: "/admin/alerts", page: renderRules) {
            try await alerts.removeRule(id, actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func addWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        return try await act(request, context, back: "/admin/alerts", page: renderRules) {
            _ = try await alerts.addWebhook(name: try form.text(Input.name) ?? "", url: try form.text(Input.url) ?? "", actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func removeWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await act(request, context, back: "/admin/alerts", page: renderRules) {
            try await alerts.removeWebhook(id: id, actor: context.principal?.login, origin: context.clientAddress)
            return nil
        }
    }

    /// The alert history, searchable by text, time and state.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let en = context.language == "en"
        var values: [String: Any] = [:]
        let q = request.query
        values["q"] = (try? q.text(BoardAPIController.Input.text)) ?? ""
        values["from"] = (try? q.text(BoardAPIController.Input.from)) ?? ""
        values["to"] = (try? q.text(BoardAPIController.Input.to)) ?? ""
        values["open_checked"] = (try? q.flag(BoardAPIController.Input.open)) == true
        var status = HTTPResponse.Status.ok
        do {
            let found = try await alerts.alerts(try BoardAPIController.query(request))
            values["rows"] = found.map { a -> [String: Any] in
                [
                    "id": a.id, "rule": a.ruleName, "subject": a.subject, "severity": a.severity.rawValue,
                    "severity_name": en ? a.severity.englishName : a.severity.koreanName, "message": a.message.text(context.language),
                    "started": a.startedAt.replacingOccurrences(of: "T", with: " "), "ended": a.endedAt?.replacingOccurrences(of: "T", with: " ") ?? "",
                    "open": a.isOpen, "acked_by": a.acknowledgedBy ?? "", "acked_at": Self.time(a.acknowledgedAt), "acked": a.acknowledgedBy != nil,
                    "can_ack": a.acknowledgedBy == nil && context.principal?.isDisplayOnly == false,
                ]
            }
            values["empty"] = found.isEmpty
        } catch let error as MokminError {
            values["error"] = error.message.text(context.language)
            status = .badRequest
        }
        return views.page("alerts", values, context: context, request: request, status: status)
    }
}
