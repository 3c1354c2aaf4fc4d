import Foundation
import MokminCore
import MokminIngest
import MokminStore

/// Gets a feed's response body: over HTTP for `http(s)` URLs, from the built-in simulator for `simulator:` URLs
/// (`simulator:airkorea`, `simulator:traffic`, `simulator:disaster`; the demo's feeds).
public struct FeedFetcher: Sendable {
    public var timeout: TimeInterval
    public var simulator: CitySimulator
    /// The simulator's clock (tests move it).
    public var clock: @Sendable () -> Date

    public init(timeout: TimeInterval = 20, simulator: CitySimulator = CitySimulator(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.timeout = timeout
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
        return try await HTTPFetch.get(feed.url, parameters: parameters, timeout: timeout)
    }
}
