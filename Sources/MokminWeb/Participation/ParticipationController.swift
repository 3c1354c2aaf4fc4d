import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// The citizen's pages (mobile first, their own layout with no link to any staff page): the participation home,
/// verification with a one-time code or the roster, policy votes, and participatory-budgeting rounds.
/// Every route is public; voting needs a verified resident (`context.resident`), never a staff account.
struct ParticipationController {
    let residents: ResidentService
    let polls: PollService
    let budget: BudgetService
    let regions: RegionService
    let views: Views

    enum Input {
        static let next = Parameter.text("next", max: 500)
        static let method = Parameter.choice("method", ["code", "roster"], in: .form)
        static let code = Parameter.text("code", max: 40, in: .form)
        static let identifier = Parameter.text("identifier", max: RosterFile.maxIdentifier, in: .form)
        static let birthYear = Parameter.integer("birth_year", 1900...2200, in: .form)
        static let option = Parameter("option", .integer(1...Int(Int32.max)), in: .form, repeatable: true)
        static let points = Parameter("p.", .integer(0...1000), in: .form, family: true)
        static let choice = Parameter("c.", .integer(1...Int(Int32.max)), in: .form, family: true)
        static let district = Parameter.integer("district", 1...Int(Int32.max))
        static let verify = [next.inForm, method, code, identifier, birthYear]
    }

    func register(on router: SecuredRouter) {
        router.get("/participate", .public, use: home)
        router.get("/participate/verify", .public, parameters: [Input.next], use: verifyForm)
        router.post("/participate/verify", .public, parameters: Input.verify, use: verify)
        router.post("/participate/signout", .public, use: signOut)
        router.get("/participate/polls/:id", .public, use: poll)
        router.post("/participate/polls/:id/vote", .public, parameters: [Input.option], use: vote)
        router.get("/participate/budget/:id", .public, parameters: [Input.district], use: round)
        router.post("/participate/budget/:id/vote", .public, parameters: [Input.points, Input.choice], use: voteRound)
    }

    // MARK: Shared

    func areaName(_ code: String) -> String { regions.registry.regions[code]?.name ?? code }

    /// The page in the citizen layout, with the verified resident's line.
    func page(_ template: String, _ values: [String: Any], _ request: Request, _ context: AppRequestContext, status: HTTPResponse.Status = .ok)
        -> Response
    {
        return views.page(template, values, context: context, request: request, status: status)
    }

    static func format(_ date: Date) -> String { AdminController.format(date) }

    func requireResident(_ request: Request, _ context: AppRequestContext) throws -> Resident {
        guard let resident = context.resident else {
            throw MokminError(.unauthorized, ko: "주민 인증이 필요합니다: /participate/verify", en: "Verify as a resident first: /participate/verify")
        }
        return resident
    }

    static func verifyRedirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: "/participate/verify?next=" + URLText.component(path)])
    }

    // MARK: Home and verification

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = Date()
        let all = try await polls.list()
        let rounds = try await budget.rounds()
        func pollRow(_ p: Poll) -> [String: Any] {
            [
                "id": p.id, "question": p.question, "participants": p.participants, "closes": Self.format(p.closesAt),
                "opens": Self.format(p.opensAt),
                "is_demo": p.isDemo, "answer_due": p.answerDue, "answered": p.answer != nil,
            ]
        }
        let open = all.filter { $0.state(at: now) == .open }
        let closed = all.filter { $0.state(at: now) == .closed }.prefix(10)
        let upcoming = all.filter { $0.state(at: now) == .upcoming }
        let roundRows: [[String: Any]] = rounds.map { r in
            [
                "id": r.id, "title": r.title, "phase": r.phase.label.text(context.language), "participants": r.participants, "is_demo": r.isDemo,
                "voting": r.votingState(at: now) == .open, "closes": Self.format(r.votingClosesAt),
            ]
        }
        return page(
            "participate_home",
            [
                "open_polls": open.map(pollRow), "closed_polls": closed.map(pollRow), "upcoming_polls": upcoming.map(pollRow), "rounds": roundRows,
                "has_open": !open.isEmpty, "has_rounds": !rounds.isEmpty,
            ], request, context)
    }

    @Sendable func verifyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = SafeRedirect.path(try request.query.text(Input.next), fallback: "/participate")
        return page("participate_verify", ["next": next], request, context)
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        let next = SafeRedirect.path(try form.text(Input.next.inForm), fallback: "/participate")
        let method = try form.text(Input.method) ?? "code"
        do {
            let resident: Resident
            if method == "roster" {
                resident = try await residents.verify(
                    identifier: try form.text(Input.identifier) ?? "", birthYear: try form.integer(Input.birthYear), origin: context.clientAddress)
            } else {
                resident = try await residents.redeem(code: try form.text(Input.code) ?? "", origin: context.clientAddress)
            }
            let (cookie, _) = try await residents.startSession(for: resident)
            var response = Response(status: .seeOther, headers: [.location: next.hasPrefix("/participate") ? next : "/participate"])
            response.setCookie(
                Cookie(
                    name: ResidentMiddleware.cookie, value: cookie, maxAge: Int(residents.sessionLifetime), path: "/", secure: request.isSecure,
                    httpOnly: true, sameSite: .lax))
            return response
        } catch let error as MokminError where error.kind == .unauthorized || error.kind == .rateLimited {
            return page(
                "participate_verify", ["next": next, "error": error.message.text(context.language), "roster": method == "roster"], request, context,
                status: error.kind == .rateLimited ? .tooManyRequests : .unauthorized)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let cookie = request.cookies[ResidentMiddleware.cookie]?.value, !cookie.isEmpty { try await residents.endSession(cookie: cookie) }
        var response = Response(status: .seeOther, headers: [.location: "/participate"])
        response.setCookie(
            Cookie(name: ResidentMiddleware.cookie, value: "", maxAge: 0, path: "/", secure: request.isSecure, httpOnly: true, sameSite: .lax))
        return response
    }
}
