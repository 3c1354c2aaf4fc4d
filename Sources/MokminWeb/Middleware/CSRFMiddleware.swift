import Foundation
import HTTPTypes
import Hummingbird
import MokminCore

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) made with a browser cookie unless it carries the
/// right CSRF token, as the form field `csrf_token` or the `X-CSRF-Token` header.
///
/// Signed-in sessions compare with the session's token; anonymous forms (sign-in) with the `mokmin_csrf`
/// cookie set when the form was shown (double submit). Requests authenticated by an API token need no token, and
/// neither do anonymous `application/json` requests (no credential to abuse; what CKAN clients send).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "mokmin_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!
    static let formField = "csrf_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.anonymousCSRF = request.cookies[Self.cookieName]?.value
        var request = request
        var issued: String?
        switch request.method {
        case .get, .head, .options:
            if context.principal == nil, context.anonymousCSRF == nil {
                // Give every anonymous visitor a token, so that the sign-in form can be posted.
                issued = SecretToken.make()
                context.anonymousCSRF = issued
            }
        default:
            if case .apiToken? = context.principal?.credential { break }
            // An anonymous JSON request carries no ambient credential, and browsers cannot send one cross-site
            // without a CORS preflight: CKAN clients post JSON like this. Everything else needs the token.
            if context.principal == nil, context.resident == nil, request.headers[.contentType]?.hasPrefix("application/json") == true { break }
            guard let expected = context.csrfToken, !expected.isEmpty else {
                throw HTTPError(
                    .forbidden, message: "보안 토큰(CSRF)이 없습니다. 페이지를 새로 고친 뒤 다시 시도하세요 / Missing CSRF token: reload the page and try again")
            }
            var presented = request.headers[Self.headerName]
            let contentType = request.headers[.contentType] ?? ""
            if presented == nil, contentType.hasPrefix("application/x-www-form-urlencoded") {
                let body = try await request.collectBody(upTo: Request.maxFormBytes)
                presented = ParameterValues(location: .form, encoded: String(buffer: body)).first(Self.formField)
            } else if presented == nil, contentType.hasPrefix("multipart/form-data") {
                // A file upload streams its body to disk, so its form carries the token in the action's query string.
                presented = request.query.first(Self.formField)
            }
            guard let presented, SecretToken.constantTimeEquals(presented, expected) else {
                throw HTTPError(
                    .forbidden, message: "보안 토큰(CSRF)이 맞지 않습니다. 페이지를 새로 고친 뒤 다시 시도하세요 / Wrong CSRF token: reload the page and try again")
            }
        }
        var response = try await next(request, context)
        if let issued {
            response.setCookie(
                Cookie(name: Self.cookieName, value: issued, path: "/", secure: request.isSecure, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
