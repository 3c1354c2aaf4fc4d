import Foundation
import MokminServices
import MokminTestSupport
import Synchronization
import Testing

/// The one outbound client against a recorded-response server on loopback: what the policy refuses (before any
/// connection), redirects checked hop by hop, the size cap and the deadline, and allowed inside hosts that work.
@Suite struct OutboundHTTPTests {
    /// A small cap, and time enough for a loaded machine running the whole suite at once.
    static let small = OutboundLimits(maxBytes: 4096, timeout: .seconds(30))

    /// A client allowing `inside`, whose resolver answers `names` itself and asks the system for any other name.
    static func client(inside: [String] = [], names: [String: [String]] = [:]) throws -> OutboundHTTP {
        let hosts = try InsideHosts(inside)
        let fixed = names.mapValues { $0.compactMap(IPAddress.init) }
        return OutboundHTTP(
            insideHosts: { hosts },
            resolver: HostResolver { name in
                if let answer = fixed[name] { return answer }
                return try await HostResolver.system.resolve(name)
            })
    }

    static func refusal(_ http: OutboundHTTP, _ url: String, limits: OutboundLimits = small) async -> OutboundError? {
        await #expect(throws: OutboundError.self) { _ = try await http.get(url, limits: limits) }
    }

    @Test func loopbackIsRefusedBeforeAnyConnection() async throws {
        let server = RecordedResponseServer()
        server.set("/secret", .init(body: "inside"))
        let http = try Self.client()
        try await server.withRunning { base in
            let error = await Self.refusal(http, base + "/secret?serviceKey=KEY-123")
            #expect(error?.code == .refused(.loopback))
            #expect(error?.message.en.contains("rule: loopback") == true && error?.message.ko.contains("루프백") == true)
            #expect(error?.message.description.contains("KEY-123") == false && error?.message.en.contains("/secret") == true, "no query")
            let port = try #require(URL(string: base)?.port)
            #expect(await Self.refusal(http, "http://localhost:\(port)/secret")?.code == .refused(.loopback), "a name resolving to loopback")
            #expect(await Self.refusal(http, "http://[::ffff:127.0.0.1]:\(port)/secret")?.code == .refused(.loopback))
            #expect(server.requests.isEmpty, "nothing reached the server")
        }
        await http.shutdown()
    }

    @Test func privateMetadataAndOtherInsideAddressesAreRefused() async throws {
        let http = try Self.client(inside: ["127.0.0.1"], names: ["intranet.test": ["192.168.10.20"], "mixed.test": ["8.8.8.8", "10.1.2.3"]])
        #expect(await Self.refusal(http, "http://10.20.30.40/api")?.code == .refused(.privateNetwork))
        #expect(await Self.refusal(http, "http://intranet.test/api")?.code == .refused(.privateNetwork), "a name resolving inside")
        #expect(await Self.refusal(http, "http://mixed.test/api")?.code == .refused(.privateNetwork), "one inside answer is enough")
        #expect(await Self.refusal(http, "http://100.64.1.1/")?.code == .refused(.sharedAddressSpace))
        #expect(await Self.refusal(http, "https://[fd00::5]/")?.code == .refused(.privateNetwork))
        #expect(await Self.refusal(http, "http://[fe80::1]/")?.code == .refused(.linkLocal))
        let metadata = await Self.refusal(http, "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        #expect(metadata?.code == .refused(.metadata) && metadata?.message.en.contains("can never be allowed") == true)
        #expect(await Self.refusal(http, "http://metadata.google.internal/computeMetadata/v1/")?.code == .refused(.metadata))
        #expect(await Self.refusal(http, "http://[::ffff:a9fe:a9fe]/latest/")?.code == .refused(.metadata))
        #expect(await Self.refusal(http, "file:///etc/passwd")?.code == .scheme)
        await http.shutdown()
    }

    @Test func aRedirectFromAnAllowedHostIntoARefusedAddressIsNotFollowed() async throws {
        let server = RecordedResponseServer()
        server.set("/to-metadata", .redirect(to: "http://169.254.169.254/latest/meta-data/"))
        server.set("/to-private", .redirect(to: "http://intranet.test/admin", status: .temporaryRedirect))
        server.set("/to-file", .redirect(to: "file:///etc/passwd"))
        server.set("/hop", .redirect(to: "/final"))
        server.set("/final", .init(body: "ok"))
        let http = try Self.client(inside: ["127.0.0.1"], names: ["intranet.test": ["10.9.8.7"]])
        try await server.withRunning { base in
            #expect(await Self.refusal(http, base + "/to-metadata")?.code == .refused(.metadata))
            #expect(await Self.refusal(http, base + "/to-private")?.code == .refused(.privateNetwork))
            #expect(await Self.refusal(http, base + "/to-file")?.code == .scheme)
            let body = try await http.get(base + "/hop", limits: Self.small)
            #expect(String(decoding: body, as: UTF8.self) == "ok", "a redirect to an allowed place is followed")
        }
        await http.shutdown()
    }

    @Test func atMostFiveRedirectsAreFollowed() async throws {
        let server = RecordedResponseServer()
        for hop in 0..<6 { server.set("/r\(hop)", .redirect(to: "/r\(hop + 1)")) }
        server.set("/r6", .init(body: "end"))
        let http = try Self.client(inside: ["127.0.0.1"])
        try await server.withRunning { base in
            let body = try await http.get(base + "/r1", limits: Self.small)
            #expect(body == Data("end".utf8), "five redirects")
            #expect(await Self.refusal(http, base + "/r0")?.code == .redirectLimit, "six redirects")
        }
        await http.shutdown()
    }

    @Test func anOversizedAnswerIsRefusedWithOrWithoutALength() async throws {
        let server = RecordedResponseServer()
        let big = String(repeating: "x", count: 10_000)
        server.set("/sized", .init(body: big))
        server.set("/streamed", .init(body: big, streamed: true))
        server.set("/fits", .init(body: String(repeating: "y", count: 4096), streamed: true))
        let http = try Self.client(inside: ["127.0.0.1"])
        try await server.withRunning { base in
            for path in ["/sized", "/streamed"] {
                let error = await Self.refusal(http, base + path)
                #expect(error?.code == .tooLarge && error?.message.en.contains("4 KiB") == true, "\(path)")
            }
            let fits = try await http.get(base + "/fits", limits: Self.small)
            #expect(fits.count == 4096)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-outbound-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            await #expect(throws: OutboundError.self) { _ = try await http.download(base + "/streamed", to: file, limits: Self.small) }
            let written = try await http.download(base + "/fits", to: file, limits: Self.small)
            #expect(written == 4096 && (try? Data(contentsOf: file))?.count == 4096)
        }
        await http.shutdown()
    }

    @Test func oneDeadlineCoversEveryHopAndTheBody() async throws {
        let server = RecordedResponseServer()
        server.set("/slow", .init(body: "late", delay: .seconds(5)))
        // Each hop answers well within the time; together they do not.
        server.set("/a", .init(status: .found, body: "", delay: .seconds(1), location: "/b"))
        server.set("/b", .init(status: .found, body: "", delay: .seconds(1), location: "/c"))
        server.set("/c", .init(body: "done", delay: .seconds(1)))
        // The headers come at once, the body in four parts a second apart.
        server.set("/trickle", .init(body: String(repeating: "z", count: 4000), streamed: true, chunkDelay: .seconds(1)))
        let http = try Self.client(inside: ["127.0.0.1"])
        let limits = OutboundLimits(maxBytes: 1 << 20, timeout: .milliseconds(2500))
        try await server.withRunning { base in
            for path in ["/slow", "/a", "/trickle"] {
                let error = await Self.refusal(http, base + path, limits: limits)
                #expect(
                    error?.code == .deadline && error?.message.en.contains("timed out after 2.5 s") == true, "\(path): \(error?.description ?? "")")
            }
        }
        await http.shutdown()
    }

    @Test func anAllowedInsideHostWorksAndTheConnectionGoesToTheCheckedAddress() async throws {
        let server = RecordedResponseServer()
        server.set("/air", .init(body: "{\"ok\":true}"))
        let lookups = Mutex(0)
        let hosts = Mutex(try InsideHosts(["county-api.test"]))
        // `county-api.test` exists only in this resolver: the request can only succeed by connecting to its answer.
        let http = OutboundHTTP(
            insideHosts: { hosts.withLock { $0 } },
            resolver: HostResolver { name in
                guard name == "county-api.test" else { return [] }
                lookups.withLock { $0 += 1 }
                return [IPAddress("127.0.0.1")!]
            })
        try await server.withRunning { base in
            let port = try #require(URL(string: base)?.port)
            let body = try await http.get("http://county-api.test:\(port)/air", query: [("serviceKey", "K")], limits: Self.small)
            #expect(String(decoding: body, as: UTF8.self) == "{\"ok\":true}")
            #expect(server.hosts.last == "county-api.test:\(port)", "the Host header keeps the name")
            #expect(server.requests.last == "/air?serviceKey=K")
            #expect(lookups.withLock { $0 } == 1, "one lookup: the check's answer is where the request went")

            // The next request reads the settings again: the host is no longer allowed.
            hosts.withLock { $0 = .none }
            #expect(await Self.refusal(http, "http://county-api.test:\(port)/air")?.code == .refused(.loopback))
            #expect(server.requests.count == 1)
        }
        await http.shutdown()
    }

    @Test func aWebhookPostIsRedirectedOnlyWhereThePolicyAllows() async throws {
        let server = RecordedResponseServer()
        server.set("/hook", .redirect(to: "/hook2", status: .temporaryRedirect))
        server.set("/hook2", .init(status: .accepted, body: "queued"))
        server.set("/to-inside", .redirect(to: "http://10.0.0.8/admin/users", status: .permanentRedirect))
        server.set("/busy", .init(status: .serviceUnavailable, body: "busy"))
        let http = try Self.client(inside: ["127.0.0.1"])
        try await server.withRunning { base in
            func post(_ path: String) async throws -> (status: Int, body: Data) {
                try await http.send(
                    OutboundRequest(
                        .post, url: base + path, headers: [("Content-Type", "application/json")], body: Array("{\"a\":1}".utf8), requireSuccess: false
                    ),
                    limits: Self.small)
            }
            let sent = try await post("/hook")
            #expect(sent.status == 202 && server.postedBodies.map(\.path) == ["/hook", "/hook2"])
            #expect(server.postedBodies.last?.body == "{\"a\":1}", "a 307 repeats the POST with its body")
            let inside = await #expect(throws: OutboundError.self) { _ = try await post("/to-inside") }
            #expect(inside?.code == .refused(.privateNetwork), "a 308 into a private address is not followed")
            #expect(try await post("/busy").status == 503, "any status is reported when success is not required")
        }
        await http.shutdown()
    }
}
