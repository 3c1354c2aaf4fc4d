import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// Managing the board through JSON: feeds (add, list, test, run, enable, disable, remove), alert rules and webhooks.
/// The same checks as the command line and the admin pages; a service key is accepted, never returned.
struct FeedAPIController {
    let feeds: FeedService
    let alerts: AlertService

    func register(on router: SecuredRouter) {
        router.get("/api/feeds", .analyst, use: listFeeds)
        router.post("/api/feeds", .analyst, use: addFeed)
        router.on("/api/feeds/:id", method: .delete, access: .analyst, use: removeFeed)
        router.post("/api/feeds/:id/test", .analyst, use: testFeed)
        router.post("/api/feeds/:id/run", .analyst, use: runFeed)
        router.post("/api/feeds/:id/enable", .analyst, use: enableFeed)
        router.post("/api/feeds/:id/disable", .analyst, use: disableFeed)
        router.get("/api/alert-rules", .analyst, use: listRules)
        router.post("/api/alert-rules", .analyst, use: addRule)
        router.on("/api/alert-rules/:id", method: .delete, access: .analyst, use: removeRule)
        router.get("/api/webhooks", .admin, use: listWebhooks)
        router.post("/api/webhooks", .admin, use: addWebhook)
        router.on("/api/webhooks/:id", method: .delete, access: .admin, use: removeWebhook)
    }

    /// A feed as `POST /api/feeds` takes it.
    struct FeedInput: Decodable {
        var name: String
        var kind: String
        var url: String
        var serviceKey: String?
        var keyParameter: String?
        var intervalSeconds: Int
        var staleAfterSeconds: Int?
        var settings: FeedSettings?

        func newFeed() throws -> NewFeed {
            guard let kind = FeedKind(rawValue: kind) else {
                let all = FeedKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw MokminError(.invalidInput, ko: "kind는 \(all) 중 하나입니다: \(kind)", en: "kind must be one of \(all): \(kind)")
            }
            return NewFeed(
                name: name, kind: kind, url: url, serviceKey: serviceKey, keyParameter: keyParameter ?? "serviceKey", intervalSeconds: intervalSeconds,
                staleAfterSeconds: staleAfterSeconds ?? max(intervalSeconds * 3, 600), settings: (settings ?? FeedSettings()).encoded())
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, context: AppRequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            let (path, reason): (String, String) =
                switch error {
                case .keyNotFound(let key, let c): ((c.codingPath + [key]).map(\.stringValue).joined(separator: "."), "missing")
                case .typeMismatch(_, let c), .valueNotFound(_, let c): (c.codingPath.map(\.stringValue).joined(separator: "."), c.debugDescription)
                case .dataCorrupted(let c): (c.codingPath.map(\.stringValue).joined(separator: "."), c.debugDescription)
                @unknown default: ("", "\(error)")
                }
            throw MokminError(
                .invalidInput, ko: "JSON 본문의 '\(path)' 필드가 올바르지 않습니다: \(reason)", en: "The JSON body's field '\(path)' is not valid: \(reason)")
        }
    }

    @Sendable func listFeeds(_ request: Request, context: AppRequestContext) async throws -> Response {
        let all = try await feeds.list()
        return try BoardJSONResponse.make(["feeds": all.map { FeedJSON($0) }])
    }

    /// A feed as the API shows it: the settings, the health, never the key.
    struct FeedJSON: Encodable {
        var health: FeedHealth
        var url: String
        var keyParameter: String
        var hasServiceKey: Bool
        var settings: FeedSettings?

        init(_ feed: Feed) {
            health = FeedHealth(feed, now: Date())
            url = feed.url
            keyParameter = feed.keyParameter
            hasServiceKey = feed.hasServiceKey
            settings = try? FeedSettings.decode(feed.settings)
        }
    }

    @Sendable func addFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await Self.decode(FeedInput.self, request, context: context)
        let feed = try await feeds.add(try input.newFeed(), actor: context.principal?.login)
        return try BoardJSONResponse.make(["feed": FeedJSON(feed)], status: .created)
    }

    @Sendable func removeFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await feeds.remove(try context.parameters.require("id"), actor: context.principal?.login)
        return Response(status: .noContent)
    }

    @Sendable func testFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try BoardJSONResponse.make(try await feeds.test(try context.parameters.require("id")))
    }

    @Sendable func runFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let feed = try await feeds.find(try context.parameters.require("id"))
        return try BoardJSONResponse.make(await feeds.run(feed))
    }

    @Sendable func enableFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try BoardJSONResponse.make(
            ["feed": FeedJSON(try await feeds.setEnabled(try context.parameters.require("id"), enabled: true, actor: context.principal?.login))])
    }

    @Sendable func disableFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try BoardJSONResponse.make(
            ["feed": FeedJSON(try await feeds.setEnabled(try context.parameters.require("id"), enabled: false, actor: context.principal?.login))])
    }

    @Sendable func listRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        try BoardJSONResponse.make(["rules": try await alerts.rules()])
    }

    @Sendable func addRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rule = try await Self.decode(AlertRule.self, request, context: context)
        return try BoardJSONResponse.make(["rule": try await alerts.addRule(rule, actor: context.principal?.login)], status: .created)
    }

    @Sendable func removeRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await alerts.removeRule(try context.parameters.require("id"), actor: context.principal?.login)
        return Response(status: .noContent)
    }

    struct WebhookInput: Decodable {
        var name: String
        var url: String
    }

    @Sendable func listWebhooks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try BoardJSONResponse.make(["webhooks": try await alerts.webhooks()])
    }

    @Sendable func addWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await Self.decode(WebhookInput.self, request, context: context)
        return try BoardJSONResponse.make(
            ["webhook": try await alerts.addWebhook(name: input.name, url: input.url, actor: context.principal?.login)], status: .created)
    }

    @Sendable func removeWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await alerts.removeWebhook(id: id, actor: context.principal?.login, origin: context.clientAddress)
        return Response(status: .noContent)
    }
}
