import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// The board's JSON API: the latest value of every series with the feeds' health, a series' history, alerts and
/// their acknowledgement. Documented in `/openapi.json`.
struct BoardAPIController {
    let board: BoardService
    let alerts: AlertService
    let cache = StatusCache()

    enum Input {
        static let series = Parameter.text("series", max: 200).required
        static let from = Parameter.text("from", max: 40).documented(format: "date-time")
        static let to = Parameter.text("to", max: 40).documented(format: "date-time")
        /// A duration from 1 minute to 31 days: `PT5M`, `PT1H`, `P1D`, `15m`, `2h`, `1d` or seconds (`900`).
        static let step = Parameter.pattern("step", stepPattern, max: 20)

        static let stepPattern: String = {
            let (seconds, minutes, hours, days) = (
                DecimalRangePattern.pattern(60...31 * 86400), DecimalRangePattern.pattern(1...31 * 1440),
                DecimalRangePattern.pattern(1...31 * 24), DecimalRangePattern.pattern(1...31)
            )
            return "\(seconds)|(?:[Pp][Tt])?\(seconds)[Ss]|(?:[Pp][Tt])?\(minutes)[Mm]|(?:[Pp][Tt])?\(hours)[Hh]|[Pp]?\(days)[Dd]"
        }()
        static let open = Parameter.flag("open")
        static let text = Parameter.text("q", max: 200)
        static let limit = Parameter.integer("limit", 1...1_000)
        static let alertSearch = [open, text, from, to, limit]
    }

    func register(on router: SecuredRouter) {
        router.get("/api/status", .board, use: status)
        router.get("/api/series", .board, parameters: [Input.series, Input.from, Input.to, Input.step], use: series)
        router.get("/api/alerts", .board, parameters: Input.alertSearch, use: listAlerts)
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
        let q = request.query
        guard let id = try q.text(Input.series) else {
            throw MokminError(.invalidInput, ko: "series 매개변수가 필요합니다 (예: air/아름동/pm25)", en: "The series parameter is required (e.g. air/아름동/pm25)")
        }
        let now = Date()
        let (fromText, toText, step) = (try q.text(Input.from), try q.text(Input.to), try q.text(Input.step))
        let points = try await board.history(series: id, from: fromText, to: toText, step: step, now: now)
        let to = try toText.map { try BoardService.localTime($0, field: "to") } ?? LocalTime.string(now)
        let from = try fromText.map { try BoardService.localTime($0, field: "from") } ?? LocalTime.string(localSeconds: (LocalTime.seconds(to) ?? 0) - 86400)
        return try BoardJSONResponse.make(
            SeriesJSON(
                series: id, from: from + "+09:00", to: to + "+09:00", step: step,
                points: points.map { PointJSON(time: $0.time + "+09:00", value: $0.value, min: $0.min, max: $0.max, count: $0.count) }))
    }

    @Sendable func listAlerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.query(request)
        return try BoardJSONResponse.make(["alerts": try await alerts.alerts(query)])
    }

    /// The alert search both the API and the history page take: `open`, `q`, `from`, `to`, `limit`.
    static func query(_ request: Request) throws -> AlertQuery {
        let q = request.query
        let from = try q.text(Input.from).map { try BoardService.localTime($0, field: "from") }
        let to = try q.text(Input.to).map { try BoardService.localTime($0, field: "to") }
        return AlertQuery(
            openOnly: try q.flag(Input.open) ?? false, text: try q.text(Input.text), from: from, to: to, limit: try q.integer(Input.limit) ?? 100)
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        return try BoardJSONResponse.make(["alert": try await alerts.acknowledge(id: id, by: principal.login)])
    }
}
