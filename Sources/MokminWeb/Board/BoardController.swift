import Foundation
import HTTPTypes
import Hummingbird
import MokminCore
import MokminServices
import MokminStore

/// The status board's pages: `/board` for officials' browsers, `/board/wall` for wall displays, the panels the
/// live page fetches again when an event says they changed, acknowledgements, and the display-token sign-in.
struct BoardController {
    let board: BoardService
    let alerts: AlertService
    let regions: RegionService
    let accounts: AccountService
    let views: Views

    func register(on router: SecuredRouter) {
        router.get("/board", .board, use: page)
        router.get("/board/wall", .board, use: wall)
        router.get("/board/panels/:name", .board, use: panel)
        router.post("/board/alerts/:id/ack", .official, use: acknowledge)
        router.get("/display", .public, use: display)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, wall: false)
    }

    @Sendable func wall(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, wall: true)
    }

    func panels(_ context: AppRequestContext) async throws -> BoardPanels {
        let snapshot = try await board.snapshot(includeLocations: true)
        let canAck = context.principal.map { !$0.isDisplayOnly } ?? false
        return BoardPanels(snapshot: snapshot, language: context.language, board: board, regions: regions, canAcknowledge: canAck)
    }

    func render(_ request: Request, context: AppRequestContext, wall: Bool) async throws -> Response {
        let panels = try await panels(context)
        var values = try await common(context, request: request)
        values["wall"] = wall
        values["mode"] = wall ? "wall" : "board"
        let rotate = request.uri.queryParameters.get("rotate", as: Int.self) ?? 20
        values["rotate_seconds"] = min(600, max(5, rotate))
        values["last_event_id"] = panels.snapshot.lastEventID
        values["city_name"] = try await regions.city()?.name ?? ""
        values["status"] = try await panels.values("status")
        var pages: [[String: Any]] = []
        for page in BoardPanels.pages {
            var list: [[String: Any]] = []
            for name in page {
                var v = try await panels.values(name)
                v["is_" + name.replacingOccurrences(of: "-", with: "_")] = true
                list.append(v)
            }
            pages.append(["panels": list])
        }
        values["pages"] = pages
        return views.html("board", values, language: context.language)
    }

    /// What every board template reads: strings, language, the viewer.
    func common(_ context: AppRequestContext, request: Request) async throws -> [String: Any] {
        var values: [String: Any] = [
            "t": Strings.dictionary(context.language), "lang": context.language, "other_lang": context.language == "en" ? "ko" : "en",
            "path": request.uri.path, "csrf_token": context.csrfToken ?? "",
        ]
        if let p = context.principal {
            values["user"] = ["name": p.name, "role": context.language == "en" ? p.role.rawValue : p.role.koreanName]
            values["can_history"] = !p.isDisplayOnly
            values["is_analyst"] = !p.isDisplayOnly && p.role >= .analyst
        }
        return values
    }

    @Sendable func panel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard BoardPanels.names.contains(name) else {
            throw MokminError(.notFound, ko: "없는 패널입니다: \(name)", en: "No such panel: \(name)")
        }
        let panels = try await panels(context)
        var values = try await common(context, request: request)
        values.merge(try await panels.values(name)) { $1 }
        return views.html("panel_" + name.replacingOccurrences(of: "-", with: "_"), values, language: context.language)
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        _ = try await alerts.acknowledge(id: id, by: principal.login)
        let back = request.uri.queryParameters.get("next").flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/board"
        return Response(status: .seeOther, headers: [.location: back])
    }

    /// Signs a wall display in with a display token: `GET /display?token=…` sets a cookie holding the token (HttpOnly,
    /// SameSite=Strict) and opens the wall, so the token leaves the address bar. Only display tokens are accepted.
    @Sendable func display(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = request.uri.queryParameters.get("token"), !token.isEmpty,
            let principal = try await accounts.principal(forToken: token), principal.isDisplayOnly
        else {
            throw MokminError(
                .forbidden, ko: "표시 전용 토큰이 올바르지 않습니다 (관리자가 `mokmin token create --display`로 만듭니다)",
                en: "The display token is not valid (an admin creates one with `mokmin token create --display`)")
        }
        let secure = request.isSecure ? "; Secure" : ""
        let cookie = "\(AuthenticationMiddleware.displayCookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000\(secure)"
        let rotate = request.uri.queryParameters.get("rotate").map { "?rotate=" + $0.filter(\.isNumber) } ?? ""
        return Response(status: .seeOther, headers: [.location: "/board/wall" + rotate, .setCookie: cookie])
    }
}
