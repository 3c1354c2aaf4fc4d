import Foundation
import HTTPTypes
import Hummingbird
import MokminCore
import MokminServices
import MokminStore

/// The board's JSON API: the latest value of every series with the feeds' health, a series' history, alerts and
/// their acknowledgement. Documented in `/openapi.json`.
struct BoardAPIController {
    let board: BoardService
    let alerts: AlertService
    let cache = StatusCache()

    func register(on router: SecuredRouter) {
        router.get("/api/status", .board, use: status)
        router.get("/api/series", .board, use: series)
        router.get("/api/alerts", .board, use: listAlerts)
        router.post("/api/alerts/:id/ack", .official, use: acknowledge)
    }

    struct StatusJSON: Encodable {
        var generatedAt: Date
        var lastEventId: Int64
        var simulated: Bool
        var feeds: [FeedHealth]
        var series: [SeriesStatus]
        var openAlerts: [Alert]
        var messages: [DisasterMessage]
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = await board.hub?.publishedID() ?? -1
        let body = try await cache.body(eventID: current) {
            let s = try await board.snapshot(messageLimit: 10)
            return try BoardJSON.encode(
                StatusJSON(
                    generatedAt: s.generatedAt, lastEventId: s.lastEventID, simulated: s.simulated, feeds: s.feeds, series: s.series,
                    openAlerts: s.openAlerts, messages: s.messages))
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    struct SeriesJSON: Encodable {
        var series: String
        var from: String
        var to: String
        var step: String?
        var timeZone = "Asia/Seoul"
        var points: [PointJSON]
    }

    struct PointJSON: Encodable {
        var time: String
        var value: Double?
        var min: Double?
        var max: Double?
        var count: Int
    }

    @Sendable func series(_ request: Request, context: AppRequestContext) async throws -> Response {
        let q = request.uri.queryParameters
        guard let id = q.get("series"), !id.isEmpty else {
            throw MokminError(.invalidInput, ko: "series 매개변수가 필요합니다 (예: air/아름동/pm25)", en: "The series parameter is required (e.g. air/아름동/pm25)")
        }
        let now = Date()
        let points = try await board.history(series: id, from: q.get("from"), to: q.get("to"), step: q.get("step"), now: now)
        let to = try q.get("to").map { try BoardService.localTime($0, field: "to") } ?? LocalTime.string(now)
        let from = try q.get("from").map { try BoardService.localTime($0, field: "from") } ?? LocalTime.string(localSeconds: (LocalTime.seconds(to) ?? 0) - 86400)
        return try BoardJSONResponse.make(
            SeriesJSON(
                series: id, from: from + "+09:00", to: to + "+09:00", step: q.get("step"),
                points: points.map { PointJSON(time: $0.time + "+09:00", value: $0.value, min: $0.min, max: $0.max, count: $0.count) }))
    }

    @Sendable func listAlerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.query(request)
        return try BoardJSONResponse.make(["alerts": try await alerts.alerts.alerts(query)])
    }

    /// The alert search both the API and the history page take: `open`, `q`, `from`, `to`, `limit`.
    static func query(_ request: Request) throws -> AlertQuery {
        let q = request.uri.queryParameters
        let limit = q.get("limit", as: Int.self) ?? 100
        guard (1...1000).contains(limit) else {
            throw MokminError(.invalidInput, ko: "limit은 1에서 1000 사이입니다", en: "limit must be between 1 and 1000")
        }
        let open = q.get("open").map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? false
        let from = try q.get("from").flatMap { $0.isEmpty ? nil : try BoardService.localTime($0, field: "from") }
        let to = try q.get("to").flatMap { $0.isEmpty ? nil : try BoardService.localTime($0, field: "to") }
        return AlertQuery(openOnly: open, text: q.get("q"), from: from, to: to, limit: limit)
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        return try BoardJSONResponse.make(["alert": try await alerts.acknowledge(id: id, by: principal.login)])
    }
}
