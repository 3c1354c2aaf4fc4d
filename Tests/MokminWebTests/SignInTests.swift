import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

@Suite struct SignInTests {
    @Test(arguments: StoreKind.available) func signingInSetsASafeCookieAndSigningOutEndsIt(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            #expect(!browser.csrf.isEmpty)
            let r = try await browser.post(client, "/login", [("login", "admin1"), ("password", TestApp.password), ("next", "/admin/users")])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/admin/users")
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("mokmin_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let page = try await browser.get(client, "/admin/users")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("official1"))

            let out = try await browser.post(client, "/logout", [])
            #expect(out.status == .seeOther)
            let after = try await browser.get(client, "/admin/users")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login?next=") == true)
        }
    }

    @Test(arguments: StoreKind.available) func behindTLSTheCookieIsSecure(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            var headers = browser.cookieHeader
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let r = try await client.execute(
                uri: "/login", method: .post, headers: headers,
                body: ByteBuffer(string: "login=admin1&password=\(TestApp.password)&csrf_token=\(browser.csrf)"))
            #expect(r.headers[values: .setCookie].first { $0.hasPrefix("mokmin_session=") }?.contains("Secure") == true)
        }
    }

    @Test(arguments: StoreKind.available) func csrfIsRequiredOnCookieAuthenticatedForms(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            // The sign-in form itself needs the anonymous token.
            var stranger = Browser()
            _ = try await stranger.get(client, "/login")
            let noToken = try await stranger.post(client, "/login", [("login", "admin1"), ("password", TestApp.password)], csrf: "")
            #expect(noToken.status == .forbidden)

            var admin = try await Browser.signedIn(client, login: "admin1")
            let fields = [("login", "csrfvictim"), ("name", "피해자"), ("role", "admin"), ("password", "long-enough-1")]
            let missing = try await admin.post(client, "/admin/users", fields, csrf: "")
            #expect(missing.status == .forbidden)
            let wrong = try await admin.post(client, "/admin/users", fields, csrf: "forged-token")
            #expect(wrong.status == .forbidden)
            #expect(try await testApp.services.accounts.repositories.users.find(login: "csrfvictim") == nil)
            let right = try await admin.post(client, "/admin/users", fields)
            #expect(right.status == .seeOther)
            #expect(try await testApp.services.accounts.repositories.users.find(login: "csrfvictim")?.role == .admin)
            // A JSON request with the session cookie needs the token too (as a header).
            var headers = admin.cookieHeader
            headers[.contentType] = "application/json"
            let json = try await client.execute(
                uri: "/api/users", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"login":"viajson","name":"제이슨","role":"official","password":"long-enough-1"}"#))
            #expect(json.status == .forbidden)
            headers[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
            let jsonOK = try await client.execute(
                uri: "/api/users", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"login":"viajson","name":"제이슨","role":"official","password":"long-enough-1"}"#))
            #expect(jsonOK.status == .created)
        }
    }

    @Test(arguments: StoreKind.available) func wrongPasswordsAreRejectedAuditedAndRateLimited(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            for attempt in 1...5 {
                let r = try await browser.post(client, "/login", [("login", "analyst1"), ("password", "guess-\(attempt)")])
                #expect(r.status == .unauthorized)
                #expect(String(buffer: r.body).contains("로그인 또는 비밀번호가 틀렸습니다"))
                #expect(browser.cookies["mokmin_session"] == nil)
            }
            let failures = try await testApp.services.accounts.repositories.audit.recent(limit: 50).filter { $0.action == "login.failure" }
            #expect(failures.count == 5)
            #expect(failures.allSatisfy { $0.target == "analyst1" && $0.detail == "wrong password" })
            // The sixth attempt, even with the right password, is refused.
            let limited = try await browser.post(client, "/login", [("login", "analyst1"), ("password", TestApp.password)])
            #expect(limited.status == .tooManyRequests)
            #expect(browser.cookies["mokmin_session"] == nil)
            // Other accounts are not locked out.
            _ = try await Browser.signedIn(client, login: "official1")
        }
    }

    @Test(arguments: StoreKind.available) func unsafeRedirectTargetsAreIgnored(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            let r = try await browser.post(client, "/login", [("login", "official1"), ("password", TestApp.password), ("next", "//evil.example/")])
            #expect(r.headers[.location] == "/")
            // Browsers drop tabs and line breaks and read a backslash as a slash: each of these would leave the site.
            for next in ["/\t/evil.example", "/\\evil.example", "/\n/evil.example", "\\\\evil.example", "https://evil.example/", "/ /evil.example"] {
                var other = Browser()
                _ = try await other.get(client, "/login")
                let r = try await other.post(client, "/login", [("login", "official1"), ("password", TestApp.password), ("next", next)])
                #expect(r.headers[.location] == "/", "next=\(next.debugDescription) → \(r.headers[.location] ?? "")")
            }
            // A page on this site is where the person wanted to go.
            var kept = Browser()
            _ = try await kept.get(client, "/login")
            let back = try await kept.post(client, "/login", [("login", "official1"), ("password", TestApp.password), ("next", "/datasets?q=대기")])
            #expect(back.headers[.location] == "/datasets?q=대기")
            // The board's acknowledgement redirect follows the same rule.
            let page = try await kept.get(client, "/alerts")
            #expect(page.status == .ok)
        }
    }
}
