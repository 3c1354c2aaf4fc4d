import HTTPTypes
import Hummingbird
import MokminCore
import MokminServices

/// Finds who is asking: an API token (`Authorization: Bearer <token>`, a bare `Authorization: <token>`, or
/// `X-CKAN-API-Key: <token>`, the last two as CKAN clients send them), else the session cookie.
/// A token that is presented but unknown or revoked is refused outright (401), never treated as anonymous.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    static let sessionCookie = "mokmin_session"
    /// A wall display's cookie, set by `GET /display?token=`: it holds a display token and nothing else is accepted in it.
    static let displayCookie = "mokmin_display"
    static let ckanHeader = HTTPField.Name("X-CKAN-API-Key")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.presentedToken(request) {
            guard let principal = try await accounts.principal(forToken: token) else {
                throw HTTPError(.unauthorized, message: "API 토큰이 올바르지 않거나 폐기되었습니다 / The API token is invalid or revoked")
            }
            context.principal = principal
            context.credential = .token(token)
        } else if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty,
            let principal = try await accounts.principal(forSessionCookie: cookie)
        {
            context.principal = principal
            context.credential = .session(cookie)
        } else if let display = request.cookies[Self.displayCookie]?.value, !display.isEmpty,
            let principal = try await accounts.principal(forToken: display), principal.isDisplayOnly
        {
            context.principal = principal
            context.credential = .token(display)
        }
        if let principal = context.principal {
            context.logger[metadataKey: "user"] = .string(principal.login)
        }
        return try await next(request, context)
    }

    /// Whether `credential` still authenticates someone (a token not revoked, a session not ended or expired, an
    /// account not disabled).
    static func stillValid(_ credential: PresentedCredential, accounts: AccountService) async -> Bool {
        switch credential {
        case .token(let secret): (try? await accounts.principal(forToken: secret)) != nil
        case .session(let cookie): (try? await accounts.principal(forSessionCookie: cookie)) != nil
        }
    }

    static func presentedToken(_ request: Request) -> String? {
        if let key = request.headers[ckanHeader]?.trimmingCharacters(in: .whitespaces), !key.isEmpty { return key }
        guard let value = request.headers[.authorization]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.lowercased().hasPrefix("bearer ") { return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        if value.contains(" ") { return nil }  // Basic and other schemes are not ours.
        return value
    }
}

import Foundation

/// The secret a request was authenticated with (never logged or shown).
public enum PresentedCredential: Sendable {
    case token(String)
    case session(String)
}
