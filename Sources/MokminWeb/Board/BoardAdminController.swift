import Foundation
import Hummingbird
import MokminCore
import MokminServices
import MokminStore

/// The board's management pages: live feeds (`/admin/feeds`), alert rules and webhooks (`/admin/alerts`), and the
/// searchable alert history (`/alerts`). Forms go through the same services, and so the same checks, as the command
/// line and the JSON API; a refused form is shown again with the reason.
struct BoardAdminController {
    let feeds: FeedService
    let alerts: AlertService
    let views: Views

    func register(on router: SecuredRouter) {
        router.get("/admin/feeds", .analyst, use: feedsPage)
        router.post("/admin/feeds", .analyst, use: addFeed)
        router.post("/admin/feeds/:id/test", .analyst, use: testFeed)
        router.post("/admin/feeds/:id/enable", .analyst, use: enableFeed)
        router.post("/admin/feeds/:id/disable", .analyst, use: disableFeed)
        router.post("/admin/feeds/:id/remove", .analyst, use: removeFeed)
        router.get("/admin/alerts", .analyst, use: rulesPage)
        router.post("/admin/alerts", .analyst, use: addRule)
        router.post("/admin/alerts/:id/remove", .analyst, use: removeRule)
        router.post("/admin/webhooks", .admin, use: addWebhook)
        router.post("/admin/webhooks/:id/remove", .admin, use: removeWebhook)
        router.get("/alerts", .official, use: history)
    }

    static func time(_ date: Date?) -> String { date.map(AdminController.format) ?? "–" }

    // MARK: Feeds

    func renderFeeds(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let now = Date()
        let rows: [[String: Any]] = try await feeds.feeds.list().map { feed in
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
        let form = try await AdminController.form(request, context)
        return try await act(request, context, back: "/admin/feeds", page: renderFeeds) {
            guard let kind = FeedKind(rawValue: form["kind"] ?? "") else {
                throw MokminError(.invalidInput, ko: "피드 종류를 고르세요", en: "Choose the feed's kind")
            }
            let every = Int(form["every"] ?? "") ?? 0
            let feed = NewFeed(
                name: form["name"] ?? "", kind: kind, url: (form["url"] ?? "").trimmingCharacters(in: .whitespaces),
                serviceKey: form["service_key"].flatMap { $0.isEmpty ? nil : $0 },
                keyParameter: form["key_parameter"].flatMap { $0.isEmpty ? nil : $0 } ?? "serviceKey", intervalSeconds: every,
                staleAfterSeconds: Int(form["stale_after"] ?? "") ?? max(every * 3, 600), settings: form["settings"] ?? "{}")
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
