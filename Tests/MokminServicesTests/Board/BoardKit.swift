import Foundation
import MokminCore
import MokminServices
import MokminStore
import MokminTestSupport

/// The board's services over one database, as the server wires them.
struct BoardKit {
    let database: AppDatabase
    let repositories: Repositories
    let hub: BoardHub
    let alerts: AlertService
    let feeds: FeedService
    /// Allows `inside` (by default the recorded-response server's host, as an admin would in settings).
    let http: OutboundHTTP

    init(database: AppDatabase, timeout: TimeInterval = 15, inside: InsideHosts = RecordedResponseServer.insideHosts) {
        self.database = database
        http = OutboundHTTP(insideHosts: { inside })
        repositories = .grdb(database)
        hub = BoardHub(events: repositories.boardEvents)
        alerts = AlertService(alerts: repositories.alerts, feeds: repositories.feeds, hub: hub)
        feeds = FeedService(
            feeds: repositories.feeds, datasets: repositories.datasets,
            fetcher: FeedFetcher(http: http, limits: OutboundLimits.feed.timeout(seconds: timeout)), hub: hub, alerts: alerts,
            servedRegions: { ["세종특별자치시"] })
    }

    static func inMemory(timeout: TimeInterval = 15, inside: InsideHosts = RecordedResponseServer.insideHosts) throws -> BoardKit {
        BoardKit(database: try AppDatabase.inMemory(), timeout: timeout, inside: inside)
    }

    /// Adds a feed with sensible defaults.
    func add(_ name: String, kind: FeedKind = .airKorea, url: String, key: String? = nil, settings: FeedSettings = FeedSettings()) async throws -> Feed {
        try await feeds.add(
            NewFeed(name: name, kind: kind, url: url, serviceKey: key, intervalSeconds: 60, staleAfterSeconds: 600, settings: settings.encoded()),
            actor: "analyst")
    }

    /// AirKorea's envelope around items given as JSON object texts.
    static func airKorea(_ items: [String]) -> String {
        #"{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL_CODE"},"body":{"totalCount":\#(items.count),"items":[\#(items.joined(separator: ","))],"pageNo":1,"numOfRows":100}}}"#
    }

    /// One AirKorea item with a PM2.5 value (and a PM10 value), as strings the API sends.
    static func station(_ name: String, _ time: String, pm25: String, pm10: String = "40", pm25Flag: String? = nil) -> String {
        let flag = pm25Flag.map { "\"\($0)\"" } ?? "null"
        return #"{"stationName":"\#(name)","sidoName":"세종","dataTime":"\#(time)","pm25Value":"\#(pm25)","pm10Value":"\#(pm10)","pm25Flag":\#(flag),"pm10Flag":null}"#
    }
}
