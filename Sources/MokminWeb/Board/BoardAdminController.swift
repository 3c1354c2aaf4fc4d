import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// The board's management pages: live feeds (`/admin/feeds`), alert rules and webhooks (`/admin/alerts`), and the
/// searchable alert history (`/alerts`). Forms go through the same services, and so the same checks, as the command
/// line and the JSON API; a refused form is shown again with the reason.
struct BoardAdminController {
    let feeds: FeedService
    let alerts: AlertService
    let views: Views

    /// The fields of the feed, rule and webhook forms.
    enum Input {
        static let name = Parameter.text("name", max: 100, in: .form)
        static let kind = Parameter.text("kind", max: 40, in: .form)
        static let url = Parameter.text("url", max: 2_000, in: .form)
        static let serviceKey = Parameter.text("service_key", max: 1_000, in: .form)
        static let keyParameter = Parameter.text("key_parameter", max: 100, in: .form)
        /// Seconds; the feed service states the allowed range in its own words (5 s to a day, stale after at most a week).
        static let every = Parameter.integer("every", 0...31_536_000, in: .form)
        static let staleAfter = Parameter.integer("stale_after", 0...31_536_000, in: .form)
        static let settings = Parameter.text("settings", max: 20_000, in: .form)
        static let target = Parameter.text("target", max: 200, in: .form)
        static let direction = Parameter.choice("direction", AlertDirection.allCases.map(\.rawValue), in: .form)
        /// Thresholds people type: far past any reading (µg/m³, km/h, counts), small enough to print as whole numbers.
        static let threshold = Parameter.number("threshold", -AlertRule.maxMagnitude...AlertRule.maxMagnitude, in: .form)
        static let clearThreshold = Parameter.number("clear_threshold", -AlertRule.maxMagnitude...AlertRule.maxMagnitude, in: .form)
        static let minGrade = Parameter.integer("min_grade", 1...4, in: .form)
        static let minLevel = Parameter.text("min_level", max: 20, in: .form)
        static let minutes = Parameter.integer("minutes", 1...AlertRule.maxDurationMinutes, in: .form)
        static let severity = Parameter.choice("severity", AlertSeverity.allCases.map(\.rawValue), in: .form)
        static let feed = [name, kind, url, serviceKey, keyParameter, every, staleAfter, settings]
        static let rule = [name, kind, target, direction, threshold, clearThreshold, minGrade, minLevel, minutes, severity]
        static let webhook = [name, url]
    }

    func register(on router: SecuredRouter) {
        router.get("/admin/feeds", .analyst, use: feedsPage)
        router.post("/admin/feeds", .analyst, parameters: Input.feed, use: addFeed)
        router.post("/admin/feeds/:id/test", .analyst, use: testFeed)
        router.post("/admin/feeds/:id/enable", .analyst, use: enableFeed)
        router.post("/admin/feeds/:id/disable", .analyst, use: disableFeed)
        router.post("/admin/feeds/:id/remove", .analyst, use: removeFeed)
        router.get("/admin/alerts", .analyst, use: rulesPage)
        router.post("/admin/alerts", .analyst, parameters: Input.rule, use: addRule)
        router.post("/admin/alerts/:id/remove", .analyst, use: removeRule)
        router.post("/admin/webhooks", .admin, parameters: Input.webhook, use: addWebhook)
        router.post("/admin/webhooks/:id/remove", .admin, use: removeWebhook)
        router.get("/alerts", .official, parameters: BoardAPIController.Input.alertSearch, use: history)
    }

    static func time(_ date: Date?) -> String { date.map(AdminController.format) ?? "–" }

    // MARK: Feeds

    func renderFeeds(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let now = Date()
        let rows: [[String: Any]] = try await feeds.list().map { feed in
            let health = FeedHealth(feed, now: now)
            return [
                "id": feed.id, "name": feed.name, "kind": context.language == "en" ? feed.kind.englishName : feed.kind.koreanName, "url": feed.url,
                "every": feed.intervalSeconds, "stale_after": feed.staleAfterSeconds, "service_key": feed.hasServiceKey, "state": health.state,
                "enabled": feed.enabled, "last_success": Self.time(feed.lastSuccessAt), "last_data": feed.lastDataTime ?? "–",
                "error": feed.lastError ?? "", "settings": feed.settings,
            ]
        }
        var values = extra
        values["feeds"] = rows
        values["kinds"] = FeedKind.allCases.map { ["value": $0.rawValue, "name": context.language == "en" ? $0.englishName : $0.koreanName] }
        return views.page("admin_feeds", values, context: context, request: request, status: status)
    }

    @Sendable func feedsPage(_ request: Request, context: AppRequestContext) async throws -> Response { try await renderFeeds(request, context) }

    /// Runs a form action; a refusal renders the page again with its reason (400), success goes back to `back`.
    func act(
        _ request: Request, _ context: AppRequestContext, back: String,
        page: (Request, AppRequestContext, [String: Any], HTTPResponse.Status) async throws -> Response, _ body: () async throws -> String?
    ) async throws -> Response {
        do {
            if let notice = try await body() { return try await page(request, context, ["notice": notice], .ok) }
            return Response(status: .seeOther, headers: [.location: back])
        } catch let error as MokminError {
            return try await page(request, context, ["error": error.message.text(context.language)], .badRequest)
        }
    }

    @Sendable func addFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            guard let kind = try form.text(Input.kind).flatMap(FeedKind.init(rawValue:)) else {
                throw MokminError(.invalidInput, ko: "피드 종류를 고르세요", en: "Choose the feed's kind")
            }
            let every = try form.integer(Input.every) ?? 0
            let feed = NewFeed(
                name: try form.text(Input.name) ?? "", kind: kind, url: try form.text(Input.url) ?? "", serviceKey: try form.text(Input.serviceKey),
                keyParameter: try form.text(Input.keyParameter) ?? "serviceKey", intervalSeconds: every,
                staleAfterSeconds: try form.integer(Input.staleAfter) ?? max(every * 3, 600), settings: try form.text(Input.settings) ?? "{}")
            _ = try await feeds.add(feed, actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func testFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            let report = try await feeds.test(id)
            let issues = report.issues.prefix(5).joined(separator: " · ")
            return "\(report.feed): \(report.items) — \(report.sample.joined(separator: " · "))" + (issues.isEmpty ? "" : " ⚠ \(issues)")
        }
    }

    @Sendable func enableFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            _ = try await feeds.setEnabled(id, enabled: true, actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func disableFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            _ = try await feeds.setEnabled(id, enabled: false, actor: context.principal?.login)
            return nil
        }
    }

    @Sendable func removeFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            try await feeds.remove(id, actor: context.principal?.login)
            return nil
        }
    }
}
