import Foundation
import Hummingbird
import Logging
import MokminCore
import MokminServices
import Prometheus

/// How the server is started: where it listens and which database it serves.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// bcrypt cost for new passwords (12 in production; tests lower it to stay fast).
    public var bcryptCost: UInt8
    public var logLevel: Logger.Level
    /// Where uploaded files wait for review before they are published (`<database>.uploads` for `serve`).
    public var uploadDirectory: URL
    /// The largest file an analyst may upload through the web.
    public var maxUploadBytes: Int
    /// Whether scheduled work (harvests, feeds, webhooks) runs in the background: on for `serve`, off in tests.
    public var runsSchedules = false
    /// How long the board keeps raw readings, hourly aggregates and stream events.
    public var retention = BoardRetention()
    /// The address people and clients reach the site at (`https://data.sejong.go.kr`), used in links the API hands
    /// out (CKAN's `help` and resource URLs). Nil: `http://host:port`. Never taken from a request's `Host` header.
    public var publicURL: String?
    /// Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR blocks). Behind a proxy every request
    /// comes from the proxy's address, so sign-in throttling and the audit log need the client's address from it.
    public var trustedProxies: [AddressBlock] = []

    /// How often a live stream gets a keep-alive line and its credential is checked again (tests shorten it).
    public var streamHeartbeat: Duration = .seconds(15)

    /// ``publicURL`` or the listening address, without a trailing slash.
    public var resolvedPublicURL: String {
        if let publicURL, !publicURL.isEmpty { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, logLevel: Logger.Level = .info,
        uploadDirectory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-uploads"),
        maxUploadBytes: Int = 2 << 30
    ) {
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.logLevel = logLevel
        self.uploadDirectory = uploadDirectory
        self.maxUploadBytes = maxUploadBytes
    }
}
