import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminWeb
import NIOCore
import Testing

/// Every response carries the browser security headers: each route of the real router (walked like
/// ``AccessControlTests``) as an anonymous visitor (mostly refusals and redirects: errors) and, for GET routes, as an
/// admin (the pages themselves), plus static files, an unknown path and the error page. HSTS only behind TLS.
@Suite struct SecurityHeadersTests {
    static let policyParts = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
    ]

    /// The headers every response must have; `secure` when the request came through a TLS proxy.
    static func check(_ response: TestResponse, _ what: String, secure: Bool = false) {
        let policy = response.headers[.contentSecurityPolicy] ?? ""
        for part in policyParts { #expect(policy.contains(part), "\(what) (\(response.status.code)): CSP lacks \(part): \(policy)") }
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(what): \(policy)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what) (\(response.status.code)): no nosniff")
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(what) (\(response.status.code)): no X-Frame-Options")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(what) (\(response.status.code)): no Referrer-Policy")
        let hsts = response.headers[.strictTransportSecurity]
        #expect(secure ? hsts?.hasPrefix("max-age=") == true : hsts == nil, "\(what): HSTS \(hsts ?? "absent") with secure=\(secure)")
    }

    @Test func everyRouteAnswersWithTheSecurityHeaders() async throws {
        let testApp = try await TestApp.make()
        let (router, _) = buildRouter(testApp.services, views: try await Views.load())
        let routes = router.routes.map(\.description)
        #expect(routes.count >= 20)
        let app = try await testApp.application()
        let admin: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.admin]!)"]
        try await app.test(.router) { client in
            for route in routes {
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                let uri = AccessControlTests.concrete(String(parts[1]))
                Self.check(try await client.execute(uri: uri, method: method), "anonymous \(route)")
                if method == .get { Self.check(try await client.execute(uri: uri, method: .get, headers: admin), "admin \(route)") }
            }
            for uri in ["/static/app.css", "/static/board.js", "/static/analysis_run.js", "/static/favicon.svg", "/no-such-page", "/api/nothing"] {
                Self.check(try await client.execute(uri: uri, method: .get), uri)
            }
            let malformed = try await client.execute(uri: "/api/stream?lastEventId=x", method: .get, headers: admin)
            #expect(malformed.status == .badRequest)
            Self.check(malformed, "an error")
        }
    }

    @Test func strictTransportSecurityOnlyBehindTLS() async throws {
        let app = try await TestApp.make().application()
        try await app.test(.router) { client in
            let proxied: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            for uri in ["/", "/login", "/static/app.css", "/no-such-page", "/api/me"] {
                Self.check(try await client.execute(uri: uri, method: .get, headers: proxied), "\(uri) over TLS", secure: true)
                Self.check(try await client.execute(uri: uri, method: .get), "\(uri) over plain HTTP", secure: false)
            }
        }
    }
}
