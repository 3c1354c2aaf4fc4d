import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// The status board's pages: `/board` for officials' browsers, `/board/wall` for wall displays, the panels the
/// live page fetches again when an event says they changed, acknowledgements, and the display-token sign-in.
struct BoardController {
    let board: BoardService
    let alerts: AlertService
    let regions: RegionService
    let accounts: AccountService
    let views: Views

    enum Input {
        /// Seconds each page of the wall stays up.
        static let rotate = Parameter.integer("rotate", 5...600)
        static let next = Parameter.text("next", max: 2_000)
        static let token = Parameter.text("token", max: 200)
    }

    func register(on router: SecuredRouter) {
        router.get("/board", .board, parameters: [Input.rotate], use: page)
        router.get("/board/wall", .board, parameters: [Input.rotate], use: wall)
        router.get("/board/panels/:name", .board, use: panel)
        router.post("/board/alerts/:id/ack", .official, parameters: [Input.next], use: acknowledge)
        router.get("/display", .public, parameters: [Input.token, Input.rotate], use: confirmDisplay)
        router.post("/display", .public, parameters: [Input.token.inForm, Input.rotate.inForm], use: display)
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
        return BoardPanels(
            snapshot: snapshot, language: context.language, board: board, regions: regions,
            cities: try await regions.cities(for: context.principal), canAcknowledge: canAck)
    }

    func render(_ request: Request, context: AppRequestContext, wall: Bool) async throws -> Response {
        let panels = try await panels(context)
        var values = try await common(context, request: request)
        values["wall"] = wall
        values["mode"] = wall ? "wall" : "board"
        values["rotate_seconds"] = try request.query.integer(Input.rotate) ?? 20
        values["last_event_id"] = panels.snapshot.lastEventID
        values["city_name"] = panels.cities.map(\.name).joined(separator: " · ")
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
        let back = SafeRedirect.path(try request.query.text(Input.next), fallback: "/board")
        return Response(status: .seeOther, headers: [.location: back])
    }

    /// The display token, if it is a valid display token (anything else, an official's token above all, is refused).
    func displayPrincipal(_ token: String?) async throws -> String {
        guard let token, let principal = try await accounts.principal(forToken: token), principal.isDisplayOnly else {
            throw MokminError(
                .forbidden, ko: "표시 전용 토큰이 올바르지 않습니다 (관리자가 `mokmin token create --display`로 만듭니다)",
                en: "The display token is not valid (an admin creates one with `mokmin token create --display`)")
        }
        return token
    }

    /// `GET /display?token=…`: asks, on a page of its own, whether to sign this screen in as a wall display. Nothing is
    /// set by the GET, so a link or an image on another site cannot sign a browser in without its user.
    @Sendable func confirmDisplay(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await displayPrincipal(try request.query.text(Input.token))
        var values = try await common(context, request: request)
        values["token"] = token
        values["rotate"] = try request.query.integer(Input.rotate) ?? 20
        return views.html("display", values, language: context.language)
    }

    /// `POST /display` (the confirmation's button): sets a cookie holding the display token (HttpOnly, SameSite=Strict)
    /// and opens the wall, so the token leaves the address bar.
    @Sendable func display(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        let token = try await displayPrincipal(try form.text(Input.token.inForm))
        let rotate = try form.integer(Input.rotate.inForm) ?? 20
        var response = Response(status: .seeOther, headers: [.location: "/board/wall?rotate=\(rotate)"])
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.displayCookie, value: token, maxAge: 31_536_000, path: "/", secure: request.isSecure, httpOnly: true,
                sameSite: .strict))
        return response
    }
}
