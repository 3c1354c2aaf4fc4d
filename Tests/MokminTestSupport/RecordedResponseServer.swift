import Foundation
import Hummingbird
import Logging
import MokminServices
import ServiceLifecycle
import Synchronization

/// A small HTTP server on a free loopback port that answers with recorded responses (files in the published formats
/// of public APIs, including broken ones), and remembers what it was asked. Tests change the answers between calls.
public final class RecordedResponseServer: Sendable {
    public struct Recorded: Sendable {
        public var status: HTTPResponse.Status
        public var contentType: String
        public var body: String
        /// How long to wait before answering (to test timeouts).
        public var delay: Duration?
        /// A redirect's target.
        public var location: String?
        /// Sent in 1 KiB chunks without a length (chunked), waiting `chunkDelay` before each: a body whose size is
        /// only known by reading it, or one that trickles.
        public var streamed: Bool
        public var chunkDelay: Duration?

        public init(
            status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8", body: String, delay: Duration? = nil,
            location: String? = nil, streamed: Bool = false, chunkDelay: Duration? = nil
        ) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.delay = delay
            self.location = location
            self.streamed = streamed
            self.chunkDelay = chunkDelay
        }

        /// A redirect to `location` (302 unless said otherwise).
        public static func redirect(to location: String, status: HTTPResponse.Status = .found) -> Recorded {
            Recorded(status: status, contentType: "text/plain", body: "", location: location)
        }
    }

    /// The outbound policy refuses loopback: the services under test allow this server's host explicitly.
    public static let insideHosts = try! InsideHosts(["127.0.0.1"])

    private let responses = Mutex<[String: Recorded]>([:])
    private let received = Mutex<[String]>([])
    private let hostHeaders = Mutex<[String]>([])
    private let posted = Mutex<[(path: String, body: String)]>([])

    public init() {}

    /// Sets the answer for a path (without query).
    public func set(_ path: String, _ response: Recorded) { responses.withLock { $0[path] = response } }

    /// The requests received so far, as path and query (`/air?serviceKey=…`).
    public var requests: [String] { received.withLock { $0 } }

    /// The `Host` headers of the requests received so far, in order.
    public var hosts: [String] { hostHeaders.withLock { $0 } }

    /// The bodies of the POST requests received so far (webhook deliveries), with their paths.
    public var postedBodies: [(path: String, body: String)] { posted.withLock { $0 } }

    /// Starts the server, runs `body` with its base URL (`http://127.0.0.1:PORT`), then shuts the server down.
    public func withRunning<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        @Sendable func answer(_ path: String) async -> Response {
            guard let recorded = self.responses.withLock({ $0[path] }) else { return Response(status: .notFound) }
            if let delay = recorded.delay { try? await Task.sleep(for: delay) }
            var headers: HTTPFields = [.contentType: recorded.contentType]
            if let location = recorded.location { headers[.location] = location }
            guard recorded.streamed else {
                return Response(status: recorded.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: recorded.body)))
            }
            let bytes = Array(recorded.body.utf8)
            return Response(
                status: recorded.status, headers: headers,
                body: ResponseBody { writer in
                    for start in stride(from: 0, to: bytes.count, by: 1024) {
                        if let pause = recorded.chunkDelay { try await Task.sleep(for: pause) }
                        try await writer.write(ByteBuffer(bytes: bytes[start..<min(start + 1024, bytes.count)]))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            self.received.withLock { $0.append(path + (request.uri.query.map { "?" + $0 } ?? "")) }
            self.hostHeaders.withLock { $0.append(request.head.authority ?? "") }
            return await answer(path)
        }
        router.post("**") { request, _ -> Response in
            let path = request.uri.path
            let body = try await request.body.collect(upTo: 1 << 20)
            self.received.withLock { $0.append(path) }
            self.hostHeaders.withLock { $0.append(request.head.authority ?? "") }
            self.posted.withLock { $0.append((path, String(buffer: body))) }
            return await answer(path)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "recorded-responses")
        logger.logLevel = .error
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                let result = try await body("http://127.0.0.1:\(port)")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
