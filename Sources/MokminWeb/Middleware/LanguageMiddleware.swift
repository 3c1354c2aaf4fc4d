import Hummingbird

/// Chooses the page language: `?lang=en|ko` (remembered in a cookie), else the `lang` cookie, else the browser's
/// `Accept-Language` (English only when it prefers English to Korean), else Korean.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let asked = request.query.first(Parameter.language.name).flatMap(Self.normalise)
        context.language = asked ?? request.cookies[Self.cookieName].flatMap { Self.normalise($0.value) } ?? Self.fromAcceptLanguage(request)
        var response = try await next(request, context)
        if let asked {
            response.setCookie(Cookie(name: Self.cookieName, value: asked, path: "/", secure: request.isSecure, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func normalise(_ value: String) -> String? {
        switch value.lowercased() {
        case "en": "en"
        case "ko": "ko"
        default: nil
        }
    }

    /// The first of `ko` or `en` in the header's order of preference (q-values honoured).
    static func fromAcceptLanguage(_ request: Request) -> String {
        guard let header = request.headers[.acceptLanguage] else { return "ko" }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let primary = String(tag.prefix { $0 != "-" })
            return (primary, q, index)
        }
        .filter { $0.0 == "ko" || $0.0 == "en" }
        .sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }
        return ranked.first?.0 ?? "ko"
    }
}

import Foundation
