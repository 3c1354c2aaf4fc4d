import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminStore
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

/// The board's pages and JSON API through the real application.
@Suite struct BoardTests {
    /// A test app whose simulated Sejong air-quality and traffic feeds have run once.
    static func appWithReadings() async throws -> TestApp {
        let testApp = try await TestApp.make()
        for (name, kind, url) in [("대기", FeedKind.airKorea, "simulator:airkorea"), ("교통", .traffic, "simulator:traffic")] {
            let feed = try await testApp.services.feeds.add(
                NewFeed(name: name, kind: kind, url: url, intervalSeconds: 60, staleAfterSeconds: 3600), actor: nil)
            let report = await testApp.services.feeds.run(feed)
            #expect(report.error == nil && report.stored > 0)
        }
        return testApp
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func statusGivesEveryLatestValueAndTheFeedsHealth() async throws {
        let testApp = try await Self.appWithReadings()
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/status", method: .get)
            #expect(anonymous.status == .unauthorized)
            let r = try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: "Bearer \(testApp.displayToken)"])
            #expect(r.status == .ok)
            let body = try Self.json(r)
            let series = try #require(body["series"] as? [[String: Any]])
            let expectedCount = 7 * 7 + 12 * 2
            #expect(series.count == expectedCount, "seven metrics at seven stations, speed and travel time on twelve links")
            let arum = try #require(series.first { $0["id"] as? String == "air/아름동/pm25" })
            #expect(arum["value"] is Double && (arum["time"] as? String)?.count == 19 && arum["source"] as? String == "아름동")
            let feeds = try #require(body["feeds"] as? [[String: Any]])
            #expect(feeds.map { $0["state"] as? String } == ["ok", "ok"])
            #expect(body["simulated"] as? Bool == true)
            #expect(body["lastEventId"] as? Int ?? 0 > 0)
        }
    }

    @Test func seriesHistoryWithStepsAndClearErrors() async throws {
        let testApp = try await Self.appWithReadings()
        let app = try await testApp.application()
        let auth: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.official]!)"]
        try await app.test(.router) { client in
            let id = "traffic/2990010100/speed".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let raw = try await client.execute(uri: "/api/series?series=\(id)", method: .get, headers: auth)
            #expect(raw.status == .ok)
            let points = try #require(try Self.json(raw)["points"] as? [[String: Any]])
            #expect(points.count == 1 && (points[0]["time"] as? String)?.hasSuffix("+09:00") == true)
            let stepped = try await client.execute(uri: "/api/series?series=\(id)&step=PT1H&from=2000-01-01T00:00:00Z", method: .get, headers: auth)
            #expect(stepped.status == .ok)
            #expect((try Self.json(stepped)["points"] as? [[String: Any]])?.first?["count"] as? Int == 1)

            for (uri, status, word) in [
                ("/api/series", HTTPResponse.Status.badRequest, "series"),
                ("/api/series?series=\(id)&step=fortnight", .badRequest, "step"),
                ("/api/series?series=\(id)&from=yesterday", .badRequest, "from"),
                ("/api/series?series=air/nowhere/pm25", .notFound, "nowhere"),
            ] {
                let r = try await client.execute(uri: uri, method: .get, headers: auth)
                #expect(r.status == status, "\(uri)")
                #expect(String(buffer: r.body).contains(word), "\(uri): \(String(buffer: r.body))")
            }
        }
    }

    @Test(arguments: StoreKind.available) func theStreamReplaysWhatAReconnectingClientMissed(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let services = testApp.services
        let feed = try await services.feeds.add(
            NewFeed(name: "교통", kind: .traffic, url: "simulator:traffic", intervalSeconds: 60, staleAfterSeconds: 3600), actor: nil)
        let before = try await services.repositories.boardEvents.latestID()
        _ = await services.feeds.run(feed)
        let app = try await testApp.application()
        let auth: HTTPFields = [.authorization: "Bearer \(testApp.displayToken)"]
        try await app.test(.router) { client in
            var headers = auth
            headers[HTTPField.Name("Last-Event-ID")!] = String(before)
            let r = try await client.execute(uri: "/api/stream?timeout=1", method: .get, headers: headers)
            #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            let text = String(buffer: r.body)
            let ids = text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int64($0.dropFirst(4)) }
            let expected = Array((before + 1)...(before + 2))
            #expect(ids == expected, "\(text.prefix(300))")
            #expect(text.contains("event: reading") && text.contains("event: feed") && text.contains("traffic/2990010100/speed"))

            // Already up to date: nothing is replayed.
            headers[HTTPField.Name("Last-Event-ID")!] = String(ids.last!)
            let current = try await client.execute(uri: "/api/stream?timeout=1", method: .get, headers: headers)
            #expect(!String(buffer: current.body).contains("id: "))

            // What the client asks about was pruned: it is told to reload.
            _ = try await services.repositories.boardEvents.prune(before: Date().addingTimeInterval(60), keep: 1)
            headers[HTTPField.Name("Last-Event-ID")!] = String(before)
            let reset = try await client.execute(uri: "/api/stream?timeout=1", method: .get, headers: headers)
            #expect(String(buffer: reset.body).contains("event: reset"))

            headers[HTTPField.Name("Last-Event-ID")!] = "yesterday"
            let bad = try await client.execute(uri: "/api/stream?timeout=1", method: .get, headers: headers)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theBoardAndTheWallRenderInKoreanWithMapsAndCharts() async throws {
        let testApp = try await Self.appWithReadings()
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.official]!)"]
            let board = try await client.execute(uri: "/board", method: .get, headers: auth)
            #expect(board.status == .ok)
            let html = String(buffer: board.body)
            for text in ["도시 상황판", "시뮬레이션", "초미세먼지", "class=\"mokmin-map\"", "class=\"mokmin-chart\"", "data-last-event-id=\"", "/static/board.js"] {
                #expect(html.contains(text), "board lacks \(text)")
            }
            let wall = try await client.execute(uri: "/board/wall?rotate=30", method: .get, headers: auth)
            #expect(String(buffer: wall.body).contains("data-mode=\"wall\"") && String(buffer: wall.body).contains("data-rotate-seconds=\"30\""))
            let panel = try await client.execute(uri: "/board/panels/traffic-slow?lang=en", method: .get, headers: auth)
            #expect(panel.status == .ok && String(buffer: panel.body).contains("Slowest links") && !String(buffer: panel.body).contains("<html"))
            let missing = try await client.execute(uri: "/board/panels/weather", method: .get, headers: auth)
            #expect(missing.status == .notFound)
            for asset in ["/static/board.js", "/static/board.css"] {
                #expect(try await client.execute(uri: asset, method: .get).status == .ok, "\(asset)")
            }
        }
    }

    @Test(arguments: StoreKind.available) func aWallDisplaySignsInWithADisplayTokenOnly(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            // The link only asks: a GET sets no credential, so another site cannot sign a browser in behind its back.
            var browser = Browser()
            let ask = try await browser.get(client, "/display?token=\(testApp.displayToken)&rotate=15")
            #expect(ask.status == .ok)
            #expect(!ask.headers[values: .setCookie].contains { $0.hasPrefix("mokmin_display=") })
            #expect(String(buffer: ask.body).contains("action=\"/display\""))
            // Without the page's CSRF token the confirmation is refused.
            let forged = try await client.execute(
                uri: "/display", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(testApp.displayToken)&rotate=15"))
            #expect(forged.status == .forbidden)
            let r = try await browser.post(client, "/display", [("token", testApp.displayToken), ("rotate", "15")])
            #expect(r.status == .seeOther && r.headers[.location] == "/board/wall?rotate=15")
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("mokmin_display=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let pair = String(cookie.split(separator: ";")[0])
            let wall = try await client.execute(uri: "/board/wall", method: .get, headers: [.cookie: pair])
            #expect(wall.status == .ok)
            let admin = try await client.execute(uri: "/api/feeds", method: .get, headers: [.cookie: pair])
            #expect(admin.status == .forbidden)
            let full = try await client.execute(uri: "/display?token=\(testApp.tokens[.admin]!)", method: .get)
            #expect(full.status == .forbidden, "only display tokens sign a wall in")
            #expect(String(buffer: full.body).contains("token create --display"))
        }
    }

    @Test(arguments: StoreKind.available) func feedsRulesAndWebhooksThroughTheAPIWithTheSameChecks(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        let analyst: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.analyst]!)", .contentType: "application/json"]
        let admin: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.admin]!)", .contentType: "application/json"]
        try await app.test(.router) { client in
            let add = try await client.execute(
                uri: "/api/feeds", method: .post, headers: analyst,
                body: ByteBuffer(
                    string:
                        #"{"name":"세종 대기","kind":"airkorea","url":"http://127.0.0.1:9/air","serviceKey":"TOP-SECRET-KEY","intervalSeconds":600,"settings":{"query":{"sidoName":"세종"}}}"#
                ))
            #expect(add.status == .created)
            #expect(!String(buffer: add.body).contains("TOP-SECRET-KEY") && String(buffer: add.body).contains("\"hasServiceKey\":true"))
            let list = try await client.execute(uri: "/api/feeds", method: .get, headers: analyst)
            #expect(!String(buffer: list.body).contains("TOP-SECRET-KEY") && String(buffer: list.body).contains("sidoName"))

            for (body, word) in [
                (#"{"name":"x","kind":"weather","url":"http://a/b","intervalSeconds":60}"#, "kind"),
                (#"{"name":"x","kind":"airkorea","intervalSeconds":60}"#, "url"),
                (#"{"name":"x","kind":"airkorea","url":"http://a/b","intervalSeconds":1}"#, "interval"),
            ] {
                let r = try await client.execute(uri: "/api/feeds", method: .post, headers: analyst, body: ByteBuffer(string: body))
                #expect(r.status == .badRequest && String(buffer: r.body).contains(word), "\(String(buffer: r.body))")
            }
            let rule = try await client.execute(
                uri: "/api/alert-rules", method: .post, headers: analyst,
                body: ByteBuffer(
                    string: #"{"name":"PM2.5 나쁨","kind":"threshold","target":"air/*/pm25","direction":"above","threshold":36,"clearThreshold":31}"#))
            #expect(rule.status == .created)
            let ruleID = try #require((try Self.json(rule)["rule"] as? [String: Any])?["id"] as? Int)
            let badRule = try await client.execute(
                uri: "/api/alert-rules", method: .post, headers: analyst,
                body: ByteBuffer(
                    string: #"{"name":"x","kind":"threshold","target":"air/*/pm25","direction":"above","threshold":36,"clearThreshold":40}"#))
            #expect(badRule.status == .badRequest && String(buffer: badRule.body).contains("clearThreshold"))
            let removed = try await client.execute(uri: "/api/alert-rules/\(ruleID)", method: .delete, headers: analyst)
            #expect(removed.status == .noContent)
            let hookByAnalyst = try await client.execute(
                uri: "/api/webhooks", method: .post, headers: analyst, body: ByteBuffer(string: #"{"name":"상황실","url":"http://127.0.0.1:9/hook"}"#))
            #expect(hookByAnalyst.status == .forbidden)
            let badHook = try await client.execute(
                uri: "/api/webhooks", method: .post, headers: admin, body: ByteBuffer(string: #"{"name":"상황실","url":"mailto:x@y"}"#))
            #expect(badHook.status == .badRequest)
        }
    }

    @Test(arguments: StoreKind.available) func anOfficialAcknowledgesAnAlertThroughTheAPI(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let alerts = testApp.services.alerts
        let rule = try await alerts.addRule(
            AlertRule(name: "PM2.5", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36), actor: nil)
        let (opened, _) = try await alerts.store.apply(
            [
                AlertChange(
                    action: .start, ruleID: rule.id, subject: "air/아름동/pm25", severity: .warning, value: 40, at: "2026-11-23T10:00:00",
                    message: LocalizedText(ko: "아름동 40", en: "Areum 40"))
            ], rule: rule, at: Date())
        let id = try #require(opened.first?.id)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let display = try await client.execute(
                uri: "/api/alerts/\(id)/ack", method: .post, headers: [.authorization: "Bearer \(testApp.displayToken)"])
            #expect(display.status == .forbidden, "a wall display cannot acknowledge")
            let r = try await client.execute(
                uri: "/api/alerts/\(id)/ack", method: .post, headers: [.authorization: "Bearer \(testApp.tokens[.official]!)"])
            #expect(r.status == .ok && String(buffer: r.body).contains("\"acknowledgedBy\":\"official1\""))
            let list = try await client.execute(
                uri: "/api/alerts?open=true&q=아름동".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, method: .get,
                headers: [.authorization: "Bearer \(testApp.displayToken)"])
            let alertsJSON = try #require(try Self.json(list)["alerts"] as? [[String: Any]])
            #expect(alertsJSON.count == 1 && alertsJSON[0]["acknowledgedBy"] as? String == "official1")
        }
    }
}
