import Foundation
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
    public var simulator: CitySimulator
    /// The simulator's clock (tests move it).
    public var clock: @Sendable () -> Date

    public init(
        http: OutboundHTTP, limits: OutboundLimits = .feed, simulator: CitySimulator = CitySimulator(),
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
            let now = clock()
            switch feed.url {
            case "simulator:airkorea": return simulator.airKoreaResponse(at: now)
            case "simulator:traffic": return simulator.trafficResponse(at: now)
            case "simulator:disaster": return simulator.disasterResponse(at: now)
            default:
                throw MokminError(
                    .invalidInput, ko: "없는 시뮬레이터 주소입니다: \(feed.url)", en: "No such simulator endpoint: \(feed.url)")
            }
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
