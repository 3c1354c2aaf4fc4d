import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminWeb
import NIOCore
import Testing

/// Walks every route of the real router and sends hostile values to every query and form parameter it declares (and
/// to its path parameters), as an anonymous visitor, as each role and with a display token: no answer may be a
/// server error, and the server must still answer afterwards. An overflow trap or a crash ends the test process, so
/// a regression cannot pass silently.
@Suite struct HostileInputTests {
    /// Numbers past every range (±2⁶³ and one more, 10²³, 1e308), what `Double` parses but no range holds (NaN,
    /// infinities), nothing, a 5,000-character text, a NUL, markup, and a list that names one column twice.
    static let values: [String] = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "100000000000000000000000", "1e23", "1e308", "-1e308",
        "NaN", "nan", "inf", "-inf", "Infinity", "", String(repeating: "가", count: 5_000), "\u{0}", "\"'<>&", "0", "-1",
        "측정소명,측정소명,-측정소명",
    ]

    /// A few of ``values`` for the principals that add no new code path (they pass or fail the same access checks).
    static let someValues = ["9223372036854775808", "NaN", "1e308", String(repeating: "가", count: 5_000), "\u{0}"]

    /// Principals with the values each gets: anonymous and admin every value (between them they reach every handler),
    /// the other roles and a display token a few.
    static func principals(_ app: TestApp) -> [(name: String, headers: HTTPFields, values: [String])] {
        var all: [(String, HTTPFields, [String])] = [("anonymous", [:], values)]
        for role in Role.allCases {
            all.append((role.rawValue, [.authorization: "Bearer \(app.tokens[role]!)"], role == .admin ? values : someValues))
        }
        all.append(("display", [.authorization: "Bearer \(app.displayToken)"], someValues))
        return all
    }

    /// The path parameters of a route as the router prints it (`/datasets/{slug}`).
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// A path with its parameters filled: known-good values, or `hostile` for the one named `target`.
    static func fill(_ path: String, target: String? = nil, hostile: String = "") -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return String(part) }
            let name = String(part.dropFirst().dropLast())
            if let target, name == target { return Browser.encode(hostile) }
            switch name {
            case "slug": return "air-quality"
            case "code": return "3611025000"
            case "login": return "official1"
            case "name": return "status"
            case "action": return "datastore_search"
            case "number", "id": return "1"
            default: return "x"
            }
        }.joined(separator: "/")
    }

    static func pair(_ name: String, _ value: String) -> String { "\(Browser.encode(name))=\(Browser.encode(value))" }

    @Test func noHostileValueCausesAServerError() async throws {
        let testApp = try await CKANAPITests.seeded()
        let views = try await Views.load()
        let (router, table) = buildRouter(testApp.services, views: views)
        let routes = router.routes.map(\.description)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            // Every request the walk sends: method, URI, headers, form body.
            var planned: [(HTTPRequest.Method, String, HTTPFields, String?)] = []
            for route in routes {
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                let path = String(parts[1])
                let declared = table.parameters(for: route) + Parameter.globals
                for (_, headers, values) in Self.principals(testApp) {
                    // The live stream would stay open: end it after a second (unless `timeout` is what is tested).
                    func query(_ tested: String?) -> String { path == "/api/stream" && tested != "timeout" ? "timeout=1&" : "" }
                    for target in Self.pathParameters(path) {
                        for value in values where !value.isEmpty {
                            planned.append((method, Self.fill(path, target: target, hostile: value) + "?" + query(nil), headers, nil))
                        }
                    }
                    for parameter in declared {
                        let names =
                            parameter.isFamily ? [parameter.name + "측정소명", parameter.name + String(repeating: "x", count: 300)] : [parameter.name]
                        for name in names {
                            // An empty timeout is no timeout: the stream rightly stays open.
                            let sent = path == "/api/stream" && name == "timeout" ? values.filter { !$0.isEmpty } : values
                            var cases = sent.map { [Self.pair(name, $0)] }
                            cases.append([Self.pair(name, "1"), Self.pair(name, "2")])  // repeated
                            for pairs in cases {
                                let encoded = pairs.joined(separator: "&")
                                if parameter.location == .query {
                                    planned.append((method, Self.fill(path) + "?" + query(parameter.name) + encoded, headers, nil))
                                } else if method != .get {
                                    planned.append((method, Self.fill(path) + "?" + query(nil), headers, encoded))
                                }
                            }
                        }
                    }
                }
            }
            #expect(planned.count > 10_000, "the walk plans only \(planned.count) requests")
            // Sent a few at a time (streams wait a second; pages render on both cores).
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                var failures: [String] = []
                for (index, (method, uri, headers, body)) in planned.enumerated() {
                    if index >= 8, let failure = try await group.next() { failure.map { failures.append($0) } }
                    group.addTask {
                        var fields = headers
                        if body != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
                        let sent = fields
                        let described = "\(method) \(uri.prefix(160)) body \(body?.prefix(80) ?? "–")"
                        // A request that never answers is a failure too, and must not hang the suite.
                        return await Self.firstOf(seconds: 60, timedOut: "\(described) → no answer within 60 s") {
                            let r = try? await client.execute(uri: uri, method: method, headers: sent, body: body.map { ByteBuffer(string: $0) })
                            guard let r else { return "\(described) → the request failed" }
                            return r.status.code >= 500 ? "\(described) → \(r.status.code)" : nil
                        }
                    }
                }
                for try await failure in group { failure.map { failures.append($0) } }
                return failures
            }
            #expect(failures.isEmpty, "server errors:\n\(failures.prefix(40).joined(separator: "\n"))")
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok, "the server no longer answers after the walk")
        }
    }

    /// The result of `work`, or `timedOut` when it takes longer than `seconds` (the work is left running).
    static func firstOf(seconds: Int, timedOut: String, _ work: @escaping @Sendable () async -> String?) async -> String? {
        let (answers, answer) = AsyncStream.makeStream(of: String?.self)
        Task { answer.yield(await work()) }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            answer.yield(timedOut)
        }
        for await first in answers {
            answer.finish()
            return first
        }
        return timedOut
    }

    /// The walk is only as good as the declarations: every route that reads a query or form value must declare it.
    /// (Reading an undeclared parameter also fails an assertion in debug builds, which every test run uses.)
    @Test func routesThatTakeParametersDeclareThem() async throws {
        let testApp = try await TestApp.make()
        let (router, table) = buildRouter(testApp.services, views: try await Views.load())
        let declared = Set(router.routes.map(\.description).filter { !table.parameters(for: $0).isEmpty })
        for route in [
            "GET /datasets", "GET /datasets/{slug}", "GET /api/datasets/{slug}/versions/{number}/rows", "GET /api/3/action/{action}",
            "POST /api/3/action/{action}", "GET /api/series", "GET /api/stream", "POST /admin/alerts", "POST /analyses/ev", "POST /login",
        ] {
            #expect(declared.contains(route), "\(route) declares no parameters")
        }
    }
}
