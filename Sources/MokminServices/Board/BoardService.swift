import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminStore

/// Reads the board's state for the pages and the JSON API.
public struct BoardService: Sendable {
    let feeds: any FeedRepository
    let alerts: any AlertRepository
    let events: any BoardEventRepository
    let datasets: any DatasetRepository
    public let hub: BoardHub?

    public init(
        feeds: any FeedRepository, alerts: any AlertRepository, events: any BoardEventRepository, datasets: any DatasetRepository,
        hub: BoardHub?
    ) {
        self.feeds = feeds
        self.alerts = alerts
        self.events = events
        self.datasets = datasets
        self.hub = hub
    }

    /// The board now. The event id is read first, so anything newer reaches the client through the stream.
    public func snapshot(now: Date = Date(), includeLocations: Bool = false, messageLimit: Int = 20) async throws -> BoardSnapshot {
        let lastEventID: Int64
        if let hub { lastEventID = await hub.publishedID() } else { lastEventID = try await events.latestID() }
        let all = try await feeds.list()
        var links: [String: [GeoPoint]] = [:]
        var names: [String: String] = [:]
        if includeLocations {
            for feed in all where feed.kind == .traffic {
                guard let settings = try? FeedSettings.decode(feed.settings),
                    let locations = try? await SourceLocations.load(settings, datasets: datasets)
                else { continue }
                links.merge(locations.lines) { a, _ in a }
                names.merge(locations.names) { a, _ in a }
            }
        }
        return BoardSnapshot(
            lastEventID: lastEventID, generatedAt: now, series: try await feeds.latest(), feeds: all.map { FeedHealth($0, now: now) },
            openAlerts: try await alerts.alerts(AlertQuery(openOnly: true, limit: 200)), messages: try await feeds.messages(limit: messageLimit),
            links: links, names: names)
    }

    /// A series' history with ISO-8601 checks on the times and the step.
    public func history(series: String, from: String?, to: String?, step: String?, now: Date = Date()) async throws -> [SeriesPoint] {
        guard try await feeds.series(id: series) != nil else {
            throw MokminError(.notFound, ko: "없는 시계열입니다: \(series)", en: "No such series: \(series)")
        }
        let end = try to.map { try Self.localTime($0, field: "to") } ?? LocalTime.string(now)
        let start = try from.map { try Self.localTime($0, field: "from") } ?? LocalTime.string(localSeconds: (LocalTime.seconds(end) ?? 0) - 86400)
        guard start <= end else {
            throw MokminError(.invalidInput, ko: "from이 to보다 늦습니다", en: "from is later than to")
        }
        let seconds = try step.map { try Self.stepSeconds($0) }
        return try await feeds.history(series: series, from: start, to: end, stepSeconds: seconds)
    }

    /// Korean local time from an ISO 8601 text: with `Z` or an offset it is converted; without, it is local already.
    public static func localTime(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return LocalTime.string(date) }
        }
        if trimmed.count >= 10, let seconds = LocalTime.seconds(trimmed) { return LocalTime.string(localSeconds: seconds) }
        throw MokminError(
            .invalidInput, ko: "\(field)는 ISO 8601 시각이어야 합니다 (예: 2026-11-23T09:00:00+09:00): \(text)",
            en: "\(field) must be an ISO 8601 time (e.g. 2026-11-23T09:00:00+09:00): \(text)")
    }

    /// An aggregation step: ISO 8601 durations `PT5M`, `PT1H`, `P1D`, or seconds, or `5m`, `1h`, `1d`.
    public static func stepSeconds(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        var seconds: Int?
        if let n = Int(t) {
            seconds = n
        } else if t.hasPrefix("PT"), let n = Int(t.dropFirst(2).dropLast()), let unit = t.last {
            seconds = ["S": 1, "M": 60, "H": 3600][unit].map { $0 * n }
        } else if t.hasPrefix("P"), t.hasSuffix("D"), let n = Int(t.dropFirst().dropLast()) {
            seconds = n * 86400
        } else if let unit = t.last, let n = Int(t.dropLast()) {
            seconds = ["S": 1, "M": 60, "H": 3600, "D": 86400][unit].map { $0 * n }
        }
        guard let seconds, (60...31 * 86400).contains(seconds) else {
            throw MokminError(
                .invalidInput, ko: "step은 1분에서 31일 사이의 기간입니다 (예: PT5M, PT1H, P1D): \(text)",
                en: "step is a duration from 1 minute to 31 days (e.g. PT5M, PT1H, P1D): \(text)")
        }
        return seconds
    }
}
