import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminTestSupport
import MokminWeb
import Testing

@testable import MokminServices

/// The feed, alert-rule and alert-history pages, used through forms as a person would.
@Suite struct BoardAdminPageTests {
    @Test(arguments: StoreKind.available) func anAnalystManagesFeedsAndRulesFromThePages(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            #expect(try await analyst.get(client, "/admin/feeds").status == .ok)
            let bad = try await analyst.post(
                client, "/admin/feeds", [("name", "대기"), ("kind", "airkorea"), ("url", "http://127.0.0.1:9/air"), ("every", "1"), ("settings", "{}")])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("주기는 5초에서 1일 사이여야 합니다"))
            let good = try await analyst.post(
                client, "/admin/feeds",
                [
                    ("name", "대기"), ("kind", "airkorea"), ("url", "http://127.0.0.1:9/air"), ("every", "600"), ("service_key", "HIDDEN-KEY-9"),
                    ("settings", "{}"),
                ])
            #expect(good.status == .seeOther)
            let page = String(buffer: try await analyst.get(client, "/admin/feeds").body)
            #expect(page.contains("대기") && !page.contains("HIDDEN-KEY-9"))
            let test = try await analyst.post(client, "/admin/feeds/1/test", [])
            #expect(test.status == .badRequest && String(buffer: test.body).contains("루프백"), "loopback is refused unless an admin allows it")

            let rule = try await analyst.post(
                client, "/admin/alerts",
                [
                    ("name", "PM2.5 나쁨"), ("kind", "threshold"), ("target", "air/*/pm25"), ("direction", "above"), ("threshold", "36"),
                    ("clear_threshold", "31"), ("severity", "warning"),
                ])
            #expect(rule.status == .seeOther)
            let badRule = try await analyst.post(
                client, "/admin/alerts", [("name", "x"), ("kind", "grade"), ("target", "air/*/pm10"), ("min_grade", "")])
            #expect(badRule.status == .badRequest && String(buffer: badRule.body).contains("minGrade"))
            let rules = String(buffer: try await analyst.get(client, "/admin/alerts").body)
            #expect(rules.contains("PM2.5 나쁨") && rules.contains("≥ 36 · &lt; 31") && !rules.contains("/admin/webhooks"), "webhooks are for admins")
        }
    }

    @Test(arguments: StoreKind.available) func theHistoryIsSearchableAndOfficialsAcknowledgeFromIt(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let alerts = testApp.services.alerts
        let rule = try await alerts.addRule(
            AlertRule(name: "PM2.5", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36), actor: nil)
        for (station, hour) in [("아름동", 10), ("보람동", 11)] {
            _ = try await alerts.store.apply(
                [
                    AlertChange(
                        action: .start, ruleID: rule.id, subject: "air/\(station)/pm25", severity: .warning, value: 40,
                        at: "2026-11-23T\(hour):00:00",
                        message: LocalizedText(ko: "\(station) 40", en: "\(station) 40"))
                ], rule: rule, at: Date())
        }
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var official = try await Browser.signedIn(client, login: "official1")
            let all = String(buffer: try await official.get(client, "/alerts").body)
            #expect(all.contains("air/아름동/pm25") && all.contains("air/보람동/pm25"))
            let q = "아름동".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let found = String(buffer: try await official.get(client, "/alerts?q=\(q)").body)
            #expect(found.contains("air/아름동/pm25") && !found.contains("air/보람동/pm25"))
            let ranged = String(buffer: try await official.get(client, "/alerts?from=2026-11-23T10:30:00").body)
            #expect(!ranged.contains("air/아름동/pm25") && ranged.contains("air/보람동/pm25"))
            #expect(try await official.get(client, "/alerts?from=soon").status == .badRequest)
            let ack = try await official.post(client, "/board/alerts/1/ack?next=/alerts", [])
            #expect(ack.status == .seeOther && ack.headers[.location] == "/alerts")
            #expect(try await testApp.services.repositories.alerts.alert(id: 1)?.acknowledgedBy == "official1")
        }
    }
}
