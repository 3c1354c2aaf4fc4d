import AsyncHTTPClient
import Foundation
import Logging
import MokminStore
import ServiceLifecycle
import Synchronization

/// The one HTTP client for requests the server makes to URLs that people typed: feeds, harvests and webhooks.
///
/// Every request obeys ``OutboundPolicy`` (http and https only; inside addresses refused unless an administrator
/// allowed the host; cloud metadata always refused), follows at most ``OutboundLimits/maxRedirects`` redirects
/// itself, checking each hop again (the client's own redirect following is off), reads at most
/// ``OutboundLimits/maxBytes`` and ends at one deadline for all hops and the body.
///
/// **DNS rebinding.** A host name could resolve to a public address when checked and to an inside one when the
/// client connects. For `http` the request is sent to the checked address itself (the URL's host replaced by the
/// address, the `Host` header keeping the name), so there is no second lookup. For `https` the client must connect
/// by name for certificate checks, so it resolves again; the window that remains is accepted because a connection
/// to an inside address then fails the handshake unless that server presents a valid certificate for the
/// attacker's own host name, which an internal server cannot do: at most a TCP connection and a TLS hello reach it,
/// and no HTTP request is sent or answer read.
///
/// The `HTTPClient` is created on first use and shared by every request; as a `Service` of the application it is
/// shut down at a graceful shutdown, and the command line calls ``shutdown()`` when a command that fetched ends. An
/// owner that goes away without shutting it down (a test's services) shuts it down from `deinit`.
public final class OutboundHTTP: Service, Sendable {
    private let insideHosts: @Sendable () async throws -> InsideHosts
    public let resolver: HostResolver
    let logger: Logger
    private let state = Mutex<HTTPClient?>(nil)

    /// `insideHosts` is read before every request, so a change in settings applies to the next one.
    public init(
        insideHosts: @escaping @Sendable () async throws -> InsideHosts, resolver: HostResolver = .system,
        logger: Logger = Logger(label: "mokmin.outbound")
    ) {
        self.insideHosts = insideHosts
        self.resolver = resolver
        self.logger = logger
    }

    /// A client that reads the allowed inside hosts from the settings (``InsideHostsSetting``).
    public convenience init(settings: any SettingRepository, resolver: HostResolver = .system, logger: Logger = Logger(label: "mokmin.outbound")) {
        let setting = InsideHostsSetting(settings: settings)
        self.init(insideHosts: { try await setting.current() }, resolver: resolver, logger: logger)
    }

    /// The policy in force now.
    public func policy() async throws -> OutboundPolicy {
        OutboundPolicy(inside: try await insideHosts(), resolver: resolver)
    }

    /// The shared client, created on first use: redirects off (``fetch`` follows them itself), no proxy from the
    /// environment, no decompression (the size cap counts the bytes that arrive).
    var client: HTTPClient {
        state.withLock { state in
            if let client = state { return client }
            let configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)), connectionPool: .init(),
                proxy: nil, decompression: .disabled)
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration, backgroundActivityLogger: logger)
            state = client
            return client
        }
    }

    /// Shuts the client down (when one was created); a later request creates a new one.
    public func shutdown() async {
        let client = state.withLock { state in
            defer { state = nil }
            return state
        }
        do {
            try await client?.shutdown()
        } catch {
            logger.warning("outbound HTTP client shutdown failed", metadata: ["error": "\(error)"])
        }
    }

    /// Waits for the application's graceful shutdown, then shuts the client down.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    deinit {
        // The callback holds the client until its shutdown completes.
        if let client = state.withLock({ $0 }) { client.shutdown { _ in } }
    }
}

extension OutboundHTTP {
    /// Runs `body`, then shuts the client down whether it threw or not: for a command that fetches once and ends.
    public func shuttingDown<T>(isolation: isolated (any Actor)? = #isolation, after body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await shutdown()
            return value
        } catch {
            await shutdown()
            throw error
        }
    }
}
