import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

/// A live stream follows its credential: a revoked display token or a signed-out session stops receiving the board
/// within a heartbeat, with an `event: revoked` the page acts on.
@Suite struct StreamRevocationTests {
    static func application(_ testApp: TestApp) async throws -> some ApplicationProtocol {
        var configuration = AppConfiguration(bcryptCost: 4, logLevel: .error)
        configuration.streamHeartbeat = .seconds(1)
        return try await buildApplication(configuration, services: testApp.services)
    }

    @Test(arguments: StoreKind.available) func aRevokedDisplayTokenLosesItsStream(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await Self.application(testApp)
        try await app.test(.router) { client in
            let opened = ContinuousClock.now
            async let stream = client.execute(
                uri: "/api/stream?timeout=60", method: .get, headers: [.authorization: "Bearer \(testApp.displayToken)"])
            try await Task.sleep(for: .seconds(2))
            let display = try #require(try await testApp.services.accounts.listTokens().first { $0.displayOnly })
            try await testApp.services.accounts.revokeToken(id: display.id, actor: "admin1")
            let response = try await stream
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("event: revoked"))
            // It ended at the next heartbeat, not at the 60-second timeout it asked for.
            #expect(ContinuousClock.now - opened < .seconds(40))
            // And the token opens no new stream.
            let again = try await client.execute(
                uri: "/api/stream?timeout=1", method: .get, headers: [.authorization: "Bearer \(testApp.displayToken)"])
            #expect(again.status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.available) func aSignedOutSessionLosesItsStream(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await Self.application(testApp)
        try await app.test(.router) { client in
            var browser = try await Browser.signedIn(client, login: "official1")
            let cookies = browser.cookieHeader
            let opened = ContinuousClock.now
            async let stream = client.execute(uri: "/api/stream?timeout=60", method: .get, headers: cookies)
            try await Task.sleep(for: .seconds(2))
            let out = try await browser.post(client, "/logout", [])
            #expect(out.status == .seeOther)
            let response = try await stream
            #expect(String(buffer: response.body).contains("event: revoked"))
            #expect(ContinuousClock.now - opened < .seconds(40))
        }
    }

    @Test(arguments: StoreKind.available) func aValidStreamKeepsGoing(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await Self.application(testApp)
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/stream?timeout=3", method: .get, headers: [.authorization: "Bearer \(testApp.displayToken)"])
            let body = String(buffer: response.body)
            #expect(!body.contains("event: revoked"))
            #expect(body.contains(": keepalive"), "heartbeats went out while the token held")
        }
    }
}
