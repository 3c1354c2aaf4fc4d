import Foundation
import Logging
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Live feeds, in two jobs: managing them (here: the same checks for the command line, the admin page and the JSON
/// API) and running them (`FeedService+Running.swift`: fetch, read with ``FeedAnswerReader``, store, evaluate alerts,
/// notify live clients; and a dry run, `test`, that stores nothing).
///
/// One feed's failure is recorded on that feed (its health) and never stops another. The service key is write-only:
/// never returned, logged, audited or put into an error message.
public struct FeedService: Sendable {
    let store: any FeedRepository
    let datasets: any DatasetRepository
    let reader: FeedAnswerReader
    public let fetcher: FeedFetcher
    public let hub: BoardHub?
    public let alerts: AlertService?
    /// The region names of the served city, for the disaster-message filter when a feed names none.
    public let servedRegions: @Sendable () async -> [String]
    let logger: Logger

    public init(
        feeds: any FeedRepository, datasets: any DatasetRepository, fetcher: FeedFetcher, hub: BoardHub? = nil,
        alerts: AlertService? = nil, servedRegions: @escaping @Sendable () async -> [String], logger: Logger = Logger(label: "mokmin.feeds")
    ) {
        self.store = feeds
        self.datasets = datasets
        self.fetcher = fetcher
        self.hub = hub
        self.alerts = alerts
        self.servedRegions = servedRegions
        self.logger = logger
        self.reader = FeedAnswerReader(datasets: datasets, servedRegions: servedRegions)
    }

    // MARK: Managing feeds

    /// The checks every way of adding a feed shares.
    public static func check(_ f: NewFeed) throws -> FeedSettings {
        let name = f.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100, !name.contains("/") else {
            throw MokminError(
                .invalidInput, ko: "피드 이름은 1~100자이고 '/'를 포함할 수 없습니다", en: "A feed name has 1–100 characters and no '/'")
        }
        if f.url.hasPrefix("simulator:") {
            guard FeedFetcher.simulatorURLs.contains(f.url) else {
                throw MokminError(
                    .invalidInput, ko: "시뮬레이터 주소는 \(FeedFetcher.simulatorURLs.joined(separator: ", ")) 중 하나입니다",
                    en: "A simulator URL is one of \(FeedFetcher.simulatorURLs.joined(separator: ", "))")
            }
        } else {
            try OutboundURL.checkStored(f.url)
        }
        guard (5...86_400).contains(f.intervalSeconds) else {
            throw MokminError(.invalidInput, ko: "주기는 5초에서 1일 사이여야 합니다", en: "The interval must be between 5 seconds and 1 day")
        }
        guard f.staleAfterSeconds >= f.intervalSeconds, f.staleAfterSeconds <= 7 * 86_400 else {
            throw MokminError(
                .invalidInput, ko: "지연 판정 시간은 주기 이상, 7일 이하여야 합니다", en: "The stale time must be at least the interval and at most 7 days")
        }
        guard (1...100).contains(f.keyParameter.count), f.keyParameter.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw MokminError(.invalidInput, ko: "서비스키 매개변수 이름이 올바르지 않습니다", en: "The service-key parameter name is not valid")
        }
        let settings = try FeedSettings.decode(f.settings)
        try settings.check(for: f.kind)
        return settings
    }

    /// Adds a feed after checking it, including that its location dataset exists and has the mapped columns.
    public func add(_ f: NewFeed, actor: String?) async throws -> Feed {
        var feed = f
        feed.name = f.name.trimmingCharacters(in: .whitespaces)
        let settings = try Self.check(feed)
        _ = try await SourceLocations.load(settings, datasets: datasets)
        feed.settings = settings.encoded()
        let audit = AuditEvent(actor: actor, action: "feed.add", detail: Self.auditURL(feed.url, keyParameter: feed.keyParameter))
        return try await store.create(feed, audit: audit)
    }

    /// `url=…` for the audit log: the feed's URL with its key parameter and other secret values masked.
    static func auditURL(_ url: String, keyParameter: String) -> String {
        "url=" + (url.hasPrefix("simulator:") ? url : OutboundURL.redacted(url, extraSecrets: [keyParameter]))
    }

    /// Every feed's health.
    public func health(now: Date = Date()) async throws -> [FeedHealth] {
        try await store.list().map { FeedHealth($0, now: now) }
    }

    /// Finds a feed by id or name.
    public func find(_ reference: String) async throws -> Feed {
        if let id = Int64(reference), let feed = try await store.find(id: id) { return feed }
        if let feed = try await store.find(name: reference) { return feed }
        throw MokminError(.notFound, ko: "없는 피드입니다: \(reference)", en: "No such feed: \(reference)")
    }

    /// Whether a feed of this name exists.
    public func exists(named name: String) async throws -> Bool { try await store.find(name: name) != nil }

    /// Runs a feed as if at a past instant (the fetcher's clock set to it), without live events or alerts, which
    /// start from the present: how the demo fills its first day of history.
    @discardableResult
    public func backfill(_ feed: Feed, at instant: Date) async -> RunReport {
        var fetcher = self.fetcher
        fetcher.clock = { instant }
        let past = FeedService(feeds: store, datasets: datasets, fetcher: fetcher, hub: nil, alerts: nil, servedRegions: servedRegions, logger: logger)
        return await past.run(feed, at: instant)
    }

    public func remove(_ reference: String, actor: String?) async throws {
        let feed = try await find(reference)
        let detail = "name=\(feed.name) " + Self.auditURL(feed.url, keyParameter: feed.keyParameter)
        try await store.remove(id: feed.id, audit: AuditEvent(actor: actor, action: "feed.remove", detail: detail))
    }

    public func setEnabled(_ reference: String, enabled: Bool, actor: String?) async throws -> Feed {
        let feed = try await find(reference)
        let detail = "name=\(feed.name) " + Self.auditURL(feed.url, keyParameter: feed.keyParameter)
        return try await store.setEnabled(
            id: feed.id, enabled: enabled, audit: AuditEvent(actor: actor, action: enabled ? "feed.enable" : "feed.disable", detail: detail))
    }

    /// Every feed, in the order they were added.
    public func list() async throws -> [Feed] { try await store.list() }
}
