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

@Suite struct HarvestPageTests {
    @Test(arguments: StoreKind.available) func adminsManageHarvestsAndTheKeyIsNeverShown(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var admin = try await Browser.signedIn(client, login: "admin1")
            let bad = try await admin.post(
                client, "/admin/harvests", [("dataset", "air"), ("url", "file:///etc/passwd"), ("every", "60"), ("key", "stationName")])
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("http://"))
            let good = try await admin.post(
                client, "/admin/harvests",
                [
                    ("dataset", "air"), ("url", "https://apis.data.go.kr/air"), ("every", "60"), ("key", "stationName, dataTime"),
                    ("service_key", "KEY-FROM-FORM"),
                ])
            #expect(good.status == .seeOther)
            let page = String(buffer: try await admin.get(client, "/admin/harvests").body)
            #expect(page.contains("stationName, dataTime") && page.contains("설정됨"))
            #expect(!page.contains("KEY-FROM-FORM"))

            let token = testApp.tokens[.admin]!
            let created = try await client.execute(
                uri: "/api/harvests", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(
                    string:
                        #"{"dataset": "bus", "url": "https://example.org/bus.csv", "format": "csv", "every_minutes": 10, "key": ["정류장ID"], "service_key": "KEY-FROM-JSON"}"#
                ))
            #expect(created.status == .created)
            let invalid = try await client.execute(
                uri: "/api/harvests", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"dataset": "bus2", "url": "https://example.org/bus.csv", "every_minutes": 0, "key": ["id"]}"#))
            #expect(invalid.status == .badRequest)
            let list = String(buffer: try await client.execute(uri: "/api/harvests", method: .get, headers: [.authorization: "Bearer \(token)"]).body)
            #expect(list.contains("\"service_key_set\":true"))
            #expect(!list.contains("KEY-FROM-JSON") && !list.contains("KEY-FROM-FORM"))
            let audit = try await testApp.services.accounts.repositories.audit.recent(limit: 20)
            #expect(audit.contains { $0.action == "harvest.add" && $0.actor == "admin1" })
            #expect(!audit.contains { ($0.detail ?? "").contains("KEY-FROM") })
        }
    }
}
