import Foundation
import Logging
import MokminCore
import MokminIngest
import MokminServices

/// The demo's live board for Sejong: the station list and the road links as data-hub datasets, three feeds that read
/// the built-in simulator (`simulator:` URLs, labelled 시뮬레이션 on every screen), a day of history so the trend
/// charts are full from the first second, and a starter set of alert rules.
public struct BoardDemo: Sendable {
    let feeds: FeedService
    let alerts: AlertService
    let importer: ImportService
    let logger: Logger

    public static let stationDataset = "sejong-air-stations"
    public static let linkDataset = "sejong-road-links"
    public static let airFeed = "세종 대기질 (시뮬레이션)"
    public static let trafficFeed = "세종 교통 (시뮬레이션)"
    public static let disasterFeed = "세종 재난문자 (시뮬레이션)"

    public init(feeds: FeedService, alerts: AlertService, importer: ImportService, logger: Logger = Logger(label: "mokmin.demo")) {
        self.feeds = feeds
        self.alerts = alerts
        self.importer = importer
        self.logger = logger
    }

    /// Installs the demo board once (when none of its feeds exists yet) and fills `hours` of history.
    /// Returns whether it installed anything.
    @discardableResult
    public func installIfNeeded(now: Date = Date(), hours: Int = 24) async throws -> Bool {
        guard try await !feeds.exists(named: Self.airFeed) else { return false }
        try await importDatasets()
        let air = try await feeds.add(
            NewFeed(
                name: Self.airFeed, kind: .airKorea, url: "simulator:airkorea", intervalSeconds: 60, staleAfterSeconds: 2 * 3600,
                settings: FeedSettings(locationDataset: Self.stationDataset, keyColumn: "측정소명", longitudeColumn: "경도", latitudeColumn: "위도")
                    .encoded()), actor: nil)
        let traffic = try await feeds.add(
            NewFeed(
                name: Self.trafficFeed, kind: .traffic, url: "simulator:traffic", intervalSeconds: 20, staleAfterSeconds: 300,
                settings: FeedSettings(locationDataset: Self.linkDataset, keyColumn: "linkId", labelColumn: "roadName").encoded()), actor: nil)
        let disaster = try await feeds.add(
            NewFeed(
                name: Self.disasterFeed, kind: .disaster, url: "simulator:disaster", intervalSeconds: 60, staleAfterSeconds: 900,
                settings: FeedSettings(regions: CitySimulator.servedRegions).encoded()), actor: nil)
        for rule in Self.starterRules { _ = try await alerts.addRule(rule, actor: nil) }
        await backfill([air, traffic, disaster], now: now, hours: hours)
        return true
    }

    /// Alert rules an analyst would start with (each can be removed or changed from the admin page).
    public static let starterRules: [AlertRule] = [
        AlertRule(
            name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36, clearThreshold: 31, severity: .warning),
        AlertRule(name: "미세먼지 매우나쁨", kind: .grade, target: "air/*/pm10", minGrade: 4, severity: .critical),
        AlertRule(name: "긴급 재난문자", kind: .disaster, target: "", minLevel: .emergency, durationMinutes: 60, severity: .critical),
        AlertRule(name: "도로 정체", kind: .slowLink, target: "traffic/*/speed", threshold: 15, durationMinutes: 10, severity: .warning),
        AlertRule(name: "피드 지연", kind: .staleFeed, target: "*", durationMinutes: 15, severity: .warning),
    ]

    /// Runs the feeds at past instants (without alerts, which start from the present): hourly for air quality and
    /// messages, every ten minutes for traffic.
    func backfill(_ list: [Feed], now: Date, hours: Int) async {
        for feed in list {
            let step: TimeInterval = feed.kind == .traffic ? 600 : 3600
            var instant = now.addingTimeInterval(-Double(hours) * 3600)
            while instant < now {
                await feeds.backfill(feed, at: instant)
                instant += step
            }
        }
        logger.info("demo board history filled", metadata: ["hours": "\(hours)"])
    }

    private func importDatasets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "측정소명,측정망,주소,경도,위도\n"
        for station in SejongStations.all {
            csv += "\(station.name),\(station.network),세종특별자치시 \(station.name),\(station.location.lon),\(station.location.lat)\n"
        }
        let stations = directory.appendingPathComponent("sejong-air-stations.csv")
        try Data(csv.utf8).write(to: stations)
        let features = SejongLinks.all.map { link in
            let coordinates = link.polyline.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",")
            return #"{"type":"Feature","properties":{"linkId":"\#(link.id)","roadName":"\#(link.roadName)","freeFlowSpeed":\#(link.freeFlowSpeed)},"#
                + #""geometry":{"type":"LineString","coordinates":[\#(coordinates)]}}"#
        }
        let links = directory.appendingPathComponent("sejong-road-links.geojson")
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: links)
        let simulated = "시뮬레이션 데모용 위치입니다 (실제 측정소·링크의 대략적 위치). Simulated demo positions (approximate)."
        _ = try await importer.run(
            ImportService.Request(
                file: stations,
                metadata: DatasetMetadata(
                    slug: Self.stationDataset, title: "세종 대기 측정소 목록 (데모)", description: simulated, organization: "세종특별자치시",
                    tags: ["대기질", "측정소", "시뮬레이션"], source: "Mokmin demo"),
                options: ReaderOptions(format: .csv), actor: nil))
        _ = try await importer.run(
            ImportService.Request(
                file: links,
                metadata: DatasetMetadata(
                    slug: Self.linkDataset, title: "세종 도로 링크 (데모)", description: simulated, organization: "세종특별자치시",
                    tags: ["교통", "도로", "시뮬레이션"], source: "Mokmin demo"),
                options: ReaderOptions(format: .geojson), actor: nil))
    }
}
