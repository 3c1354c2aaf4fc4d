import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// Sign-in and sign-out pages.
struct AuthController {
    let accounts: AccountService
    let views: Views

    enum Input {
        static let next = Parameter.text("next", max: 2_000)
        static let login = Parameter.text("login", max: 64, in: .form)
        static let password = Parameter.text("password", max: 200, in: .form)
    }

    func register(on router: SecuredRouter) {
        router.get("/login", .public, parameters: [Input.next], use: loginForm)
        router.post("/login", .public, parameters: [Input.login, Input.password, Input.next.inForm], use: login)
        router.post("/logout", .public, use: logout)
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = SafeRedirect.path(try request.query.text(Input.next))
        return views.page("login", ["next": next], context: context, request: request)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw HTTPError(
                .unsupportedMediaType, message: "로그인은 양식(form)으로 보내야 합니다 / Sign in with the form (application/x-www-form-urlencoded)")
        }
        let form = try await request.formFields()
        let login = (try form.text(Input.login) ?? "").lowercased()
        let next = SafeRedirect.path(try form.text(Input.next.inForm))
        do {
            let user = try await accounts.authenticate(login: login, password: try form.text(Input.password) ?? "", origin: context.clientAddress)
            let (cookie, _) = try await accounts.startSession(for: user, origin: context.clientAddress)
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: cookie, maxAge: Int(accounts.sessionLifetime), path: "/",
                    secure: request.isSecure, httpOnly: true, sameSite: .lax))
            return response
        } catch let error as MokminError where error.kind == .unauthorized || error.kind == .rateLimited {
            let status: HTTPResponse.Status = error.kind == .rateLimited ? .tooManyRequests : .unauthorized
            return views.page(
                "login", ["next": next, "login": login, "error": error.message.text(context.language)], context: context, request: request,
                status: status)
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
            try await accounts.endSession(cookie: cookie, actor: context.principal?.login, origin: context.clientAddress)
        }
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(
            Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: request.isSecure, httpOnly: true, sameSite: .lax))
        return response
    }
}
