import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminServices
import NIOCore
import Testing

@testable import MokminWeb

/// What the schemathesis contract test (`APIContractTests`, end to end) relies on, proven without it: 405 with
/// `Allow` for a method a path does not have, query parameters in `/openapi.json` generated from the routes'
/// declarations, and range patterns that match exactly their numbers.
@Suite struct APIContractUnitTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func aMethodThePathDoesNotHaveIs405WithAllow() async throws {
        let testApp = try await TestApp.make()
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let users = try await client.execute(uri: "/api/users", method: .delete)
            #expect(users.status == .methodNotAllowed)
            #expect(users.headers[.allow] == "GET, POST")
            let health = try await client.execute(uri: "/health", method: .put)
            #expect(health.status == .methodNotAllowed && health.headers[.allow] == "GET")
            // A literal segment wins over a capture, as in the real router: /api/regions/lookup is its own path.
            let lookup = try await client.execute(uri: "/api/regions/lookup", method: .post)
            #expect(lookup.status == .methodNotAllowed && lookup.headers[.allow] == "GET")
            let webhook = try await client.execute(uri: "/api/webhooks/7", method: .get)
            #expect(webhook.status == .methodNotAllowed && webhook.headers[.allow] == "DELETE")
            // An unknown path stays 404; a served method is untouched.
            #expect(try await client.execute(uri: "/api/nothing-here", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }

    @Test func theDocumentStatesEachDeclaredQueryParameter() async throws {
        let testApp = try await TestApp.make()
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let doc = try Self.json(try await client.execute(uri: "/openapi.json", method: .get))
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            func parameters(_ path: String, _ method: String) throws -> [String: [String: Any]] {
                let operation = try #require(paths[path]?[method] as? [String: Any], "\(method) \(path)")
                let list = operation["parameters"] as? [[String: Any]] ?? []
                return Dictionary(list.compactMap { p in (p["name"] as? String).map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
            }
            let series = try parameters("/api/series", "get")
            #expect(series["series"]?["required"] as? Bool == true)
            let step = try #require(series["step"]?["schema"] as? [String: Any])
            #expect(step["pattern"] as? String == "^(?:\(BoardAPIController.Input.stepPattern))$")
            #expect((series["from"]?["schema"] as? [String: Any])?["format"] as? String == "date-time")
            let alerts = try parameters("/api/alerts", "get")
            let limit = try #require(alerts["limit"]?["schema"] as? [String: Any])
            #expect(limit["minimum"] as? Int == 1 && limit["maximum"] as? Int == 1_000)
            #expect((alerts["open"]?["schema"] as? [String: Any])?["type"] as? String == "boolean")
            // CKAN's actions are an enum of what it serves, and every operation documents the answers any may give.
            let action = try #require(try parameters("/api/3/action/{action}", "get")["action"]?["schema"] as? [String: Any])
            #expect(action["enum"] as? [String] == CKANController.actions.sorted())
            for (path, item) in paths {
                for (method, operation) in item where OpenAPIDocument.methods.contains(method) {
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    #expect(OpenAPIDocument.alwaysPossible.allSatisfy { responses[$0] != nil }, "\(method) \(path)")
                }
            }
        }
    }

    @Test func aStepIsCheckedByTheSamePatternTheDocumentStates() throws {
        let step = BoardAPIController.Input.step
        for good in ["PT5M", "pt1h", "P1D", "15m", "2h", "31d", "60", "900", "2678400", "PT60S", "PT44640M"] {
            #expect(throws: Never.self, "\(good)") { try step.check(good) }
            #expect(try BoardService.stepSeconds(good) > 0, "\(good)")
        }
        for bad in ["0", "59", "2678401", "060", "+60", "PT0M", "P32D", "PT900", "PT44641M", "1w", "", " PT5M", "5 m"] {
            #expect(throws: MokminError.self, "\(bad)") { try step.check(bad) }
        }
    }

    @Test func rangePatternsMatchExactlyTheirNumbers() throws {
        for range in [0...0, 0...9, 0...99, 1...31, 5...5, 37...1_234, 60...2_678_400, 1...44_640, 999...1_001] {
            let expression = try NSRegularExpression(pattern: "^" + DecimalRangePattern.pattern(range) + "$")
            func matches(_ text: String) -> Bool { expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }
            let probes = Array(0...2_000) + [range.upperBound - 1, range.upperBound, range.upperBound + 1, 2_678_399, 2_678_401, 10_000_000]
            for n in probes where n >= 0 {
                #expect(matches(String(n)) == range.contains(n), "\(n) in \(range)")
            }
            for text in ["00", "01", "+1", "-1", " 1", "1.0", ""] { #expect(!matches(text), "\(text) in \(range)") }
        }
    }
}
