import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminStore
import MokminTestSupport
import MokminWeb
import Testing

@testable import MokminServices

/// A value stored before today's checks (or written by hand into the database) must never make a page crash: the
/// rules page shows a threshold of 1e19 instead of trapping on its conversion to an integer, and the forms and the
/// API now refuse such a threshold in the first place.
@Suite struct StoredValueRenderTests {
    @Test(arguments: StoreKind.available) func aHugeStoredThresholdRendersAndIsRefusedAnew(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let rule = AlertRule(
            name: "옛 규칙", kind: .threshold, target: "air/*/pm10", direction: .above, threshold: 1e19, clearThreshold: -1e19,
            severity: .warning)
        _ = try await testApp.services.repositories.alerts.createRule(rule, audit: AuditEvent(actor: nil, action: "test.seed"))
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let analyst: HTTPFields = [.authorization: "Bearer \(testApp.tokens[.analyst]!)"]
            let page = try await client.execute(uri: "/admin/alerts", method: .get, headers: analyst)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("옛 규칙"))
            let list = try await client.execute(uri: "/api/alert-rules", method: .get, headers: analyst)
            #expect(list.status == .ok)
            var json = analyst
            json[.contentType] = "application/json"
            let refused = try await client.execute(
                uri: "/api/alert-rules", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name":"새 규칙","kind":"threshold","target":"air/*/pm10","direction":"above","threshold":1e19}"#))
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("threshold"))
        }
    }
}
