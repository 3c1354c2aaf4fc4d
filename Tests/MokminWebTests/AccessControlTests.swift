import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminWeb
import NIOCore
import Testing

@Suite struct AccessControlTests {
    /// Values for path parameters, so that every route can be called.
    static func concrete(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            switch part {
            case ":code": "3611025000"
            case ":login": "official1"
            case ":id": "1"
            case ":name": "status"
            default: String(part)
            }
        }.joined(separator: "/") + (path == "/api/stream" ? "?timeout=1" : "")
    }

    static func lowestRole(for access: Access) -> Role? {
        switch access {
        case .public: nil
        case .board, .official: .official
        case .analyst: .analyst
        case .admin: .admin
        }
    }

    static func role(below access: Access) -> Role? {
        switch access {
        case .public, .board, .official: nil
        case .analyst: .official
        case .admin: .analyst
        }
    }

    /// Walks every route of the real router: each non-public route refuses an anonymous request, a role below its
    /// access, and a display token; each GET route admits a role that suffices.
    @Test func everyRouteEnforcesItsAccess() async throws {
        let testApp = try await TestApp.make()
        let views = try await Views.load()
        let (router, table) = buildRouter(testApp.services, views: views)
        let routes = router.routes.map(\.description)
        #expect(routes.count >= 20)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            // An anonymous browser with a valid anonymous CSRF token, so that refusals come from access control.
            var anonymous = Browser()
            _ = try await anonymous.get(client, "/login")
            for route in routes {
                let access = try #require(table.access(for: route), "route \(route) was registered without an access rule")
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                let uri = Self.concrete(String(parts[1]))
                if access == .public { continue }

                var headers = anonymous.cookieHeader
                headers[HTTPField.Name("X-CSRF-Token")!] = anonymous.csrf
                let anon = try await client.execute(uri: uri, method: method, headers: headers)
                let refusedAnonymously =
                    anon.status == .unauthorized || (anon.status == .seeOther && anon.headers[.location]?.hasPrefix("/login") == true)
                #expect(refusedAnonymously, "\(route) let an anonymous request through: \(anon.status)")

                if let low = Self.role(below: access) {
                    let r = try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(testApp.tokens[low]!)"])
                    #expect(r.status == .forbidden, "\(route) let a \(low.rawValue) through: \(r.status)")
                }
                if access != .board {
                    let r = try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(testApp.displayToken)"])
                    #expect(r.status == .forbidden, "\(route) let a display token through: \(r.status)")
                }
                if method == .get, let minimum = Self.lowestRole(for: access) {
                    let r = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(testApp.tokens[minimum]!)"])
                    #expect(r.status != .forbidden && r.status != .unauthorized, "\(route) refused a \(minimum.rawValue): \(r.status)")
                }
            }
        }
    }

    @Test func publicPagesOpenToEveryone() async throws {
        let app = try await TestApp.make().application()
        try await app.test(.router) { client in
            for uri in ["/", "/login", "/regions", "/health", "/api/regions?level=emd", "/static/app.css"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .ok, "\(uri): \(r.status)")
            }
            let missing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func everyTokenHeaderFormWorksAndARevokedTokenFails() async throws {
        let testApp = try await TestApp.make()
        let token = testApp.tokens[.analyst]!
        let app = try await testApp.application()
        try await app.test(.router) { client in
            for headers: HTTPFields in [[.authorization: "Bearer \(token)"], [.authorization: token], [.ckanKey: token]] {
                let r = try await client.execute(uri: "/api/me", method: .get, headers: headers)
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("\"login\":\"analyst1\""))
            }
            // A token-authenticated write needs no CSRF token.
            let create = try await client.execute(
                uri: "/api/users", method: .post, headers: [.authorization: "Bearer \(testApp.tokens[.admin]!)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"login":"newbie","name":"신입","role":"official","password":"long-enough-1"}"#))
            #expect(create.status == .created)

            let listed = try await testApp.services.accounts.listTokens().first { $0.login == "analyst1" }!
            try await testApp.services.accounts.revokeToken(id: listed.id, actor: "admin1")
            for headers: HTTPFields in [[.authorization: "Bearer \(token)"], [.authorization: token], [.ckanKey: token]] {
                let r = try await client.execute(uri: "/api/me", method: .get, headers: headers)
                #expect(r.status == .unauthorized)
                #expect(String(buffer: r.body).contains("revoked"))
            }
            let wrong = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer mkm_not-a-token"])
            #expect(wrong.status == .unauthorized)
        }
    }
}
