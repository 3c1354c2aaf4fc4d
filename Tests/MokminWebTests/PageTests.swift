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

@Suite struct PageTests {
    @Test(arguments: StoreKind.available) func theHomePageShowsSejongsTwentyAreas(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/", method: .get)
            #expect(r.status == .ok)
            let html = String(buffer: r.body)
            #expect(html.contains("<html lang=\"ko\">"))
            #expect(html.contains("<svg"))
            #expect(html.components(separatedBy: "class=\"area\"").count - 1 == 20)
            for name in ["조치원읍", "연기면", "한솔동", "새롬동", "보람동", "다정동", "소정면"] { #expect(html.contains(name), "\(name) missing") }
            #expect(html.contains("3611025000"))  // hover text and table carry the code
            #expect(html.contains("km²"))
            #expect(html.contains("통계청 SGIS"))  // the boundary credit
            for external in ["src=\"http", "href=\"http", "url(http", "@import"] {
                #expect(!html.contains(external), "pages must load nothing from outside: \(external)")
            }
        }
    }

    @Test(arguments: StoreKind.available) func englishByQueryOrBrowserPreference(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            let byQuery = try await client.execute(uri: "/login?lang=en", method: .get)
            #expect(String(buffer: byQuery.body).contains("Sign in to Mokmin"))
            #expect(byQuery.headers[values: .setCookie].contains { $0.hasPrefix("lang=en") })
            let byHeader = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9,ko;q=0.5"])
            #expect(String(buffer: byHeader.body).contains("<html lang=\"en\">"))
            let korean = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "ko-KR,ko;q=0.9,en;q=0.8"])
            #expect(String(buffer: korean.body).contains("목민에 로그인"))
        }
    }

    @Test(arguments: StoreKind.available) func whatTheUserMayDoFollowsTheRole(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            let anonymous = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(anonymous.contains("로그인하면"))
            #expect(!anonymous.contains("/admin/users"))
            var admin = try await Browser.signedIn(client, login: "admin1")
            let adminHome = String(buffer: try await admin.get(client, "/").body)
            #expect(adminHome.contains("/admin/users"))
            #expect(adminHome.contains("사용자, API 토큰, 설정을 관리"))
            var official = try await Browser.signedIn(client, login: "official1")
            let officialHome = String(buffer: try await official.get(client, "/").body)
            #expect(!officialHome.contains("/admin/users"))
            #expect(!officialHome.contains("데이터를 적재하고"))
        }
    }

    @Test(arguments: StoreKind.available) func regionAPIAnswersPointsAndCodes(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            let point = try await client.execute(uri: "/api/regions/lookup?lon=127.279834&lat=36.616423", method: .get)
            #expect(point.status == .ok)
            #expect(String(buffer: point.body).contains("\"code\":\"3611025000\""))
            let kostat = try await client.execute(uri: "/api/regions/11110530?system=kostat", method: .get)
            #expect(String(buffer: kostat.body).contains("월계3동"))
            let bad = try await client.execute(uri: "/api/regions/lookup?lon=east&lat=36", method: .get)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("message_en"))
            let sea = try await client.execute(uri: "/api/regions/lookup?lon=125&lat=36", method: .get)
            #expect(sea.status == .notFound)
            let page = try await client.execute(uri: "/regions?lon=126.9779&lat=37.5663", method: .get)
            #expect(String(buffer: page.body).contains("서울특별시 중구"))
        }
    }

    @Test(arguments: StoreKind.available) func healthAndMetrics(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body).contains("\"database\":\"ok\""))
            #expect(health.headers[HTTPField.Name("X-Request-Id")!] != nil)
            _ = try await client.execute(uri: "/regions", method: .get)
            // Operational figures are for admins (Prometheus scrapes with an admin's API token), not for everyone.
            let anonymous = try await client.execute(uri: "/metrics", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/login") == true)
            let metrics = String(
                buffer: try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(testApp.tokens[.admin]!)"]).body)
            #expect(metrics.contains("mokmin_http_requests_total"))
            #expect(metrics.contains("route=\"/regions\""))
            #expect(metrics.contains("mokmin_http_request_duration_seconds"))
            #expect(metrics.contains("mokmin_database_size_bytes"))
        }
    }

    @Test(arguments: StoreKind.available) func adminFormsReportBadInputAndKeepData(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var admin = try await Browser.signedIn(client, login: "admin1")
            let exists = try await admin.post(
                client, "/admin/users", [("login", "analyst1"), ("name", "다른"), ("role", "admin"), ("password", "long-enough-1")])
            #expect(exists.status == .conflict)
            #expect(String(buffer: exists.body).contains("이미 있는 로그인입니다"))
            #expect(try await testApp.services.accounts.repositories.users.find(login: "analyst1")?.role == .analyst)
            let empty = try await admin.post(client, "/admin/users", [("login", "blank"), ("name", "빈"), ("role", "official"), ("password", "")])
            #expect(empty.status == .badRequest)
            #expect(String(buffer: empty.body).contains("비밀번호가 비어 있습니다"))
            #expect(try await testApp.services.accounts.repositories.users.find(login: "blank") == nil)
            let city = try await admin.post(client, "/admin/settings", [("city", "99999")])
            #expect(city.status == .badRequest)
            #expect(try await testApp.services.regions.city()?.code == "3611000000")
            let hongcheon = try await admin.post(client, "/admin/settings", [("city", "42720")])
            #expect(hongcheon.status == .ok)
            #expect(try await testApp.services.regions.city()?.code == "4272000000")
            let audit = try await testApp.services.accounts.repositories.audit.recent(limit: 5)
            #expect(audit.contains { $0.action == "settings.city" && $0.actor == "admin1" })
        }
    }
}
