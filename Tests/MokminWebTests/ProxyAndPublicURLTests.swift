import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminWeb
import NIOCore
import Testing

/// Addresses and links that a request could otherwise forge: `X-Forwarded-For` is believed only from a trusted
/// proxy, and the links the API hands out come from the configured public address, never from the `Host` header.
@Suite struct ProxyAndPublicURLTests {
    @Test func addressBlocksMatchIPv4AndIPv6() {
        let block = AddressBlock("10.0.0.0/8")
        #expect(block?.contains("10.200.3.4") == true)
        #expect(block?.contains("::ffff:10.1.2.3") == true)
        #expect(block?.contains("11.0.0.1") == false)
        #expect(AddressBlock("fd00::/8")?.contains("fd12::1") == true)
        #expect(AddressBlock("192.0.2.7")?.contains("192.0.2.8") == false)
        for bad in ["", "10.0.0.0/33", "fd00::/129", "not-an-address", "10.0.0.0/-1", "300.1.1.1"] {
            #expect(AddressBlock(bad) == nil, "\(bad)")
        }
    }

    @Test func theClientIsTheRightmostAddressThatIsNotATrustedProxy() {
        let proxies = [AddressBlock("10.0.0.0/8")!]
        func trusted(_ a: String) -> Bool { proxies.contains { $0.contains(a) } }
        // The client wrote the first entry itself; only what trusted proxies appended can be believed.
        #expect(ClientAddressMiddleware.client(in: ["198.51.100.1, 203.0.113.9, 10.0.0.5"], trusted: trusted) == "203.0.113.9")
        #expect(ClientAddressMiddleware.client(in: ["203.0.113.9"], trusted: trusted) == "203.0.113.9")
        #expect(ClientAddressMiddleware.client(in: ["10.0.0.2, 10.0.0.3"], trusted: trusted) == nil)
        #expect(ClientAddressMiddleware.client(in: ["garbage, 10.0.0.3"], trusted: trusted) == nil)
    }

    @Test func ckanLinksUseTheConfiguredAddressNotTheHostHeader() async throws {
        let testApp = try await CKANAPITests.seeded()
        var configuration = AppConfiguration(bcryptCost: 4, logLevel: .error)
        configuration.publicURL = "https://data.sejong.example/"
        let app = try await buildApplication(configuration, services: testApp.services)
        try await app.test(.router) { client in
            let r = try await client.execute(
                uri: "http://evil.example/api/3/action/package_show?id=air-quality", method: .get,
                headers: [HTTPField.Name("X-Forwarded-Host")!: "evil.example", HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let body = String(buffer: r.body)
            #expect(body.contains("https://data.sejong.example/api/3/action/help_show"))
            #expect(body.contains("https://data.sejong.example/datasets/air-quality/download?format=csv"))
            #expect(!body.contains("evil.example"))
        }
    }
}
