import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminTestSupport
import MokminWeb
import Testing

@testable import MokminServices

/// Through the real application: the feed test endpoint cannot read inside addresses until an administrator allows
/// the host on the settings page (audited, a bad list refused and nothing lost), and what it returns stays bounded.
@Suite struct InsideHostsPageTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    @Test(arguments: StoreKind.available) func theFeedTestReadsAnInsideHostOnlyOnceAnAdminAllowedIt(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        let analyst: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.analyst]!)", .contentType: "application/json"]
        let server = RecordedResponseServer()
        let leak = "LEAK-" + String(repeating: "q", count: 3000)
        server.set("/air", .init(body: BoardKitJSON.airKorea((0..<40).map { BoardKitJSON.station("측정소\($0)", pm25: leak) })))
        try await server.withRunning { base in
            try await app.test(.router) { client in
                let add = try await client.execute(
                    uri: "/api/feeds", method: .post, headers: analyst,
                    body: ByteBuffer(
                        string: #"{"name":"air","kind":"airkorea","url":"\#(base)/air?sidoName=x","serviceKey":"WEB-SECRET-7","intervalSeconds":600}"#
                    ))
                #expect(add.status == .created)

                let refused = try await client.execute(uri: "/api/feeds/1/test", method: .post, headers: analyst)
                #expect(refused.status == .badGateway, "the source was refused: 502, not a fault of the request")
                let error = try #require(try Self.json(refused)["error"] as? [String: Any])
                #expect((error["message_en"] as? String)?.contains("rule: loopback") == true, "\(error)")
                #expect((error["message"] as? String)?.contains("루프백") == true)
                #expect(!String(buffer: refused.body).contains("WEB-SECRET-7") && !String(buffer: refused.body).contains("sidoName"))
                #expect(server.requests.isEmpty, "nothing was read")

                // Only an administrator changes the list; a list with a metadata address is refused whole.
                let byAnalyst = try await client.execute(
                    uri: "/admin/settings/inside-hosts", method: .post,
                    headers: [.authorization: "Bearer \(testApp.tokens[.analyst]!)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "inside_hosts=127.0.0.1"))
                #expect(byAnalyst.status == .forbidden)
                var admin = try await Browser.signedIn(client, login: "admin1")
                let page = String(buffer: try await admin.get(client, "/admin/settings").body)
                #expect(page.contains("name=\"inside_hosts\"") && page.contains("내부 접속 허용 호스트"))
                let bad = try await admin.post(client, "/admin/settings/inside-hosts", [("inside_hosts", "127.0.0.1\n169.254.169.254")])
                #expect(bad.status == .badRequest && String(buffer: bad.body).contains("클라우드 메타데이터"))
                #expect(String(buffer: bad.body).contains("169.254.169.254"), "the typed list comes back in the form")
                #expect(try await testApp.services.insideHosts.current().entries.isEmpty, "a refused list stores nothing")
                let good = try await admin.post(client, "/admin/settings/inside-hosts", [("inside_hosts", "127.0.0.1")])
                #expect(good.status == .ok && String(buffer: good.body).contains("127.0.0.1</textarea>"))
                let audit = try await testApp.services.repositories.audit.recent(limit: 5)
                #expect(audit.contains { $0.action == "settings.insideHosts" && $0.actor == "admin1" && $0.detail == "hosts=127.0.0.1" })

                let tested = try await client.execute(uri: "/api/feeds/1/test", method: .post, headers: analyst)
                #expect(tested.status == .ok)
                let report = try Self.json(tested)
                let issues = try #require(report["issues"] as? [String])
                #expect((report["items"] as? Int ?? 0) >= 40 && issues.count == 21 && issues.allSatisfy { $0.count <= 200 }, "\(issues.count)")
                #expect(tested.body.readableBytes < 8_000, "\(tested.body.readableBytes) bytes for a 240 KB answer")
                #expect(server.requests.count == 1 && server.requests[0].contains("serviceKey=WEB-SECRET-7"))
            }
        }
    }
}

/// AirKorea answers, as the services tests' `BoardKit` writes them.
enum BoardKitJSON {
    static func airKorea(_ items: [String]) -> String {
        #"{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL_CODE"},"body":{"totalCount":\#(items.count),"items":[\#(items.joined(separator: ","))],"pageNo":1,"numOfRows":100}}}"#
    }

    static func station(_ name: String, pm25: String) -> String {
        #"{"stationName":"\#(name)","sidoName":"세종","dataTime":"2026-11-23 10:00","pm25Value":"\#(pm25)","pm10Value":"40","pm25Flag":null,"pm10Flag":null}"#
    }
}
