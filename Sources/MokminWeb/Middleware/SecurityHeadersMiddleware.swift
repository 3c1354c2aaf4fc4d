import HTTPTypes
import Hummingbird

/// Adds the browser security headers to every response: pages, JSON, static files, the live stream and errors
/// (it is the router's first middleware, so it wraps the error pages too).
///
/// - `Content-Security-Policy`: scripts, styles, images and connections from this server only. No inline script, no
///   inline event handler and no inline style runs: the pages load `/static/*.js` and `/static/*.css`, and the SVG
///   that Swift draws colours with presentation attributes (`fill`, `stroke`), which the policy does not govern.
///   `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for older browsers) keeps the pages out of other sites'
///   frames; `form-action 'self'` and `base-uri 'none'` keep an injected form or `<base>` from sending data away.
/// - `X-Content-Type-Options: nosniff`: a download or an upload is never run as a script or a page.
/// - `Referrer-Policy: same-origin`: dataset queries in our URLs are not sent to other sites.
/// - `Strict-Transport-Security` only when the client reached us over TLS (``Request/isSecure``): Mokmin speaks plain
///   HTTP and leaves TLS to the proxy in front; browsers ignore the header on plain HTTP anyway. No `includeSubDomains`:
///   a city's other sites under the same domain are not ours to commit to HTTPS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'", "font-src 'self'",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    static let strictTransportSecurity = "max-age=31536000"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // ErrorMiddleware (inside this one) answers every error; this is for an error thrown before it runs.
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers, secure: request.isSecure)
        return response
    }

    /// Sets the headers (replacing any a handler set), HSTS only when `secure`.
    static func apply(to headers: inout HTTPFields, secure: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "same-origin"
        if secure {
            headers[.strictTransportSecurity] = strictTransportSecurity
        } else {
            headers[.strictTransportSecurity] = nil
        }
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
