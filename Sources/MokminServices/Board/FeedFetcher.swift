import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Gets a feed's response body: over HTTP for `http(s)` URLs (through ``OutboundHTTP``: its address policy, a size
/// cap and one deadline), from the built-in simulator for `simulator:` URLs (`simulator:airkorea`,
/// `simulator:traffic`, `simulator:disaster`; the demo's feeds).
public struct FeedFetcher: Sendable {
    public let http: OutboundHTTP
    /// The answer's size cap and the time for the whole request (redirects included).
    public var limits: OutboundLimits
    /// Answers the `simulator:` URLs (the demo's feeds); nil on a server without the demo's simulator.
    public var simulator: (any FeedSimulator)?
    /// The simulator's clock (tests and the demo's backfill move it).
    public var clock: @Sendable () -> Date

    public init(
        http: OutboundHTTP, limits: OutboundLimits = .feed, simulator: (any FeedSimulator)? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.http = http
        self.limits = limits
        self.simulator = simulator
        self.clock = clock
    }

    /// The simulator endpoints a feed may name.
    public static let simulatorURLs = ["simulator:airkorea", "simulator:traffic", "simulator:disaster"]

    func fetch(_ feed: Feed, key: String?, settings: FeedSettings) async throws -> Data {
        if feed.isSimulated {
            guard let simulator else {
                throw MokminError(
                    .invalidInput, ko: "이 서버에는 시뮬레이터가 없습니다: \(feed.url)", en: "This server has no simulator: \(feed.url)")
            }
            guard let body = simulator.response(for: feed.url, at: clock()) else {
                throw MokminError(
                    .invalidInput, ko: "없는 시뮬레이터 주소입니다: \(feed.url)", en: "No such simulator endpoint: \(feed.url)")
            }
            return body
        }
        var parameters = (settings.query ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let key, !key.isEmpty { parameters.append((feed.keyParameter, key)) }
        do {
            return try await http.get(feed.url, query: parameters, limits: limits)
        } catch let error as OutboundError {
            throw error.mokminError
        }
    }
}
