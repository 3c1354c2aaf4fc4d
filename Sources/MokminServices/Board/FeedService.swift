import Foundation
import Logging
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Live feeds: the same checks for the command line, the admin page and the JSON API; runs that fetch, parse, store,
/// evaluate alerts and notify live clients; and a dry run (`test`) that stores nothing.
///
/// One feed's failure is recorded on that feed (its health) and never stops another. The service key is write-only:
/// never returned, logged, audited or put into an error message.
public struct FeedService: Sendable {
    let feeds: any FeedRepository
    let datasets: any DatasetRepository
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
        self.feeds = feeds
        self.datasets = datasets
        self.fetcher = fetcher
        self.hub = hub
        self.alerts = alerts
        self.servedRegions = servedRegions
        self.logger = logger
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
        return try await feeds.create(feed, audit: audit)
    }

    /// `url=…` for the audit log: the feed's URL with its key parameter and other secret values masked.
    static func auditURL(_ url: String, keyParameter: String) -> String {
        "url=" + (url.hasPrefix("simulator:") ? url : OutboundURL.redacted(url, extraSecrets: [keyParameter]))
    }

    /// Every feed's health.
    public func health(now: Date = Date()) async throws -> [FeedHealth] {
        try await feeds.list().map { FeedHealth($0, now: now) }
    }

    /// Finds a feed by id or name.
    public func find(_ reference: String) async throws -> Feed {
        if let id = Int64(reference), let feed = try await feeds.find(id: id) { return feed }
        if let feed = try await feeds.find(name: reference) { return feed }
        throw MokminError(.notFound, ko: "없는 피드입니다: \(reference)", en: "No such feed: \(reference)")
    }

    /// Whether a feed of this name exists.
    public func exists(named name: String) async throws -> Bool { try await feeds.find(name: name) != nil }

    /// Runs a feed as if at a past instant (the fetcher's clock set to it), without live events or alerts, which
    /// start from the present: how the demo fills its first day of history.
    @discardableResult
    public func backfill(_ feed: Feed, at instant: Date) async -> RunReport {
        var fetcher = self.fetcher
        fetcher.clock = { instant }
        let past = FeedService(feeds: feeds, datasets: datasets, fetcher: fetcher, hub: nil, alerts: nil, servedRegions: servedRegions, logger: logger)
        return await past.run(feed, at: instant)
    }

    public func remove(_ reference: String, actor: String?) async throws {
        let feed = try await find(reference)
        let detail = "name=\(feed.name) " + Self.auditURL(feed.url, keyParameter: feed.keyParameter)
        try await feeds.remove(id: feed.id, audit: AuditEvent(actor: actor, action: "feed.remove", detail: detail))
    }

    public func setEnabled(_ reference: String, enabled: Bool, actor: String?) async throws -> Feed {
        let feed = try await find(reference)
        let detail = "name=\(feed.name) " + Self.auditURL(feed.url, keyParameter: feed.keyParameter)
        return try await feeds.setEnabled(
            id: feed.id, enabled: enabled, audit: AuditEvent(actor: actor, action: enabled ? "feed.enable" : "feed.disable", detail: detail))
    }

    // MARK: Running feeds

    /// What a run (or a dry run) read.
    public struct RunReport: Sendable, Codable {
        public var feed: String
        /// Readings or messages read from the response.
        public var items: Int
        /// Readings or messages not stored before (0 for a dry run).
        public var stored: Int
        /// Problems with single items, which were skipped or read as missing.
        public var issues: [String]
        /// The first few readings or messages, for a person to check the mapping.
        public var sample: [String]
        public var error: String?
        /// For `load`: seconds spent parsing and storing (the store's share is what the ingest benchmark reports).
        public var parseSeconds: Double?
        public var storeSeconds: Double?
    }

    /// Fetches and parses the feed without storing anything. What it returns is bounded (``bounded(_:)``, a failure's
    /// message too), so a test shows whether the mapping works without handing back what the answer held.
    public func test(_ reference: String) async throws -> RunReport {
        let feed = try await find(reference)
        let parsed: Parsed
        do {
            parsed = try await fetchAndParse(feed)
        } catch let error as MokminError {
            // Whatever failed, fetching or reading the answer, it is the source's answer that is wanting: 502.
            let key = try? await feeds.serviceKey(id: feed.id)
            throw MokminError(
                .upstream, ko: Self.clipped(redact(error.message.ko, key: key), Self.maxErrorLength),
                en: Self.clipped(redact(error.message.en, key: key), Self.maxErrorLength))
        }
        return Self.bounded(
            RunReport(feed: feed.name, items: parsed.count, stored: 0, issues: parsed.issues.map(\.description), sample: parsed.sample, error: nil))
    }

    /// What a report shown through the web or the API holds of an answer: at most ``maxIssues`` issues and five
    /// sample lines, each at most ``maxLineLength`` characters (the item count says how much there was).
    static func bounded(_ report: RunReport) -> RunReport {
        var shown = report
        shown.issues = report.issues.prefix(maxIssues).map { clipped($0, maxLineLength) }
        if report.issues.count > maxIssues {
            let more = report.issues.count - maxIssues
            shown.issues.append("외 \(more)개 생략 / \(more) more not shown")
        }
        shown.sample = report.sample.prefix(5).map { clipped($0, maxLineLength) }
        shown.error = report.error.map { clipped($0, 2 * maxErrorLength) }
        return shown
    }

    static let maxIssues = 20
    static let maxLineLength = 200
    static let maxErrorLength = 300

    /// `text` cut to `limit` characters, with `…` where it was cut.
    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Runs a feed now; records the outcome on the feed either way (a failure is in the report, not thrown). The
    /// report is ``bounded(_:)``.
    @discardableResult
    public func run(_ feed: Feed, at: Date = Date()) async -> RunReport {
        do {
            return Self.bounded(try await store(try await fetchAndParse(feed), feed: feed, at: at))
        } catch {
            let message = Self.clipped(redact(Self.describe(error), key: try? await feeds.serviceKey(id: feed.id)), 2 * Self.maxErrorLength)
            logger.warning("feed run failed", metadata: ["feed": "\(feed.name)", "reason": "\(message)"])
            _ = try? await feeds.recordFailure(id: feed.id, at: at, error: message)
            await hub?.notify()
            return RunReport(feed: feed.name, items: 0, stored: 0, issues: [], sample: [], error: message)
        }
    }

    /// Stores what a run read (one transaction), tells live clients, and evaluates the alert rules.
    func store(_ parsed: Parsed, feed: Feed, at: Date) async throws -> RunReport {
        let stored: Int
        switch parsed.content {
        case .readings(let readings):
            let outcome = try await feeds.ingest(feedID: feed.id, readings: readings, issues: parsed.issues.count, at: at)
            stored = outcome.stored
            await hub?.notify()
            if let alerts, !outcome.changed.isEmpty { await alerts.afterReadings(outcome.changed, at: at) }
        case .messages(let messages):
            let outcome = try await feeds.ingest(feedID: feed.id, messages: messages, issues: parsed.issues.count, at: at)
            stored = outcome.new.count
            await hub?.notify()
            if let alerts, !outcome.new.isEmpty { await alerts.afterMessages(outcome.new, at: at) }
        }
        return RunReport(
            feed: feed.name, items: parsed.count, stored: stored, issues: parsed.issues.map(\.description), sample: parsed.sample, error: nil)
    }

    /// What a response held, parsed by the feed's kind.
    struct Parsed {
        enum Content {
            case readings([FeedReading])
            case messages([DisasterMessage])
        }
        var content: Content
        var issues: [FeedIssue]
        var count: Int {
            switch content {
            case .readings(let r): r.count
            case .messages(let m): m.count
            }
        }
        var sample: [String] {
            switch content {
            case .readings(let r):
                r.prefix(5).map { "\($0.series) \($0.time) \($0.value.map { String($0) } ?? ($0.flagged ? "flagged" : "-"))" }
            case .messages(let m): m.prefix(5).map { "\($0.serial) \($0.createdAt) [\($0.level.rawValue)] \($0.text)" }
            }
        }
    }

    func fetchAndParse(_ feed: Feed) async throws -> Parsed {
        let settings = try FeedSettings.decode(feed.settings)
        let key = try await feeds.serviceKey(id: feed.id)
        return try await parse(try await fetcher.fetch(feed, key: key, settings: settings), feed: feed, settings: settings)
    }

    /// Stores a saved response (an archived answer, or a day recorded elsewhere) as if the feed had just read it.
    public func load(_ reference: String, data: Data, at: Date = Date()) async throws -> RunReport {
        let feed = try await find(reference)
        let start = ContinuousClock.now
        let parsed = try await parse(data, feed: feed, settings: try FeedSettings.decode(feed.settings))
        let parsedAt = ContinuousClock.now
        var report = try await store(parsed, feed: feed, at: at)
        report.parseSeconds = Self.seconds(parsedAt - start)
        report.storeSeconds = Self.seconds(ContinuousClock.now - parsedAt)
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func parse(_ data: Data, feed: Feed, settings: FeedSettings) async throws -> Parsed {
        do {
            switch feed.kind {
            case .airKorea:
                let locations = try await SourceLocations.load(settings, datasets: datasets)
                let result = try AirKoreaRealtimeFeed.parse(data, stationLocations: locations.points)
                return Parsed(content: .readings(result.items), issues: result.issues)
            case .traffic:
                let locations = try await SourceLocations.load(settings, datasets: datasets)
                let result = try TrafficSpeedFeed.parse(data, linkLocations: locations.points)
                return Parsed(content: .readings(result.items), issues: result.issues)
            case .generic:
                guard let mapping = settings.mapping else {
                    throw MokminError(.invalidInput, ko: "필드 매핑이 없습니다", en: "The feed has no field mapping")
                }
                let result = try GenericFeed.parse(data, mapping: mapping)
                return Parsed(content: .readings(result.items), issues: result.issues)
            case .disaster:
                let result = try DisasterMessageFeed.parse(data)
                var regions = settings.regions ?? []
                if regions.isEmpty { regions = await servedRegions() }
                let kept = DisasterMessageFilter.forRegions(regions).filter(DisasterMessage.deduplicated(result.items))
                return Parsed(content: .messages(kept), issues: result.issues)
            }
        } catch let error as FeedError {
            throw error.mokminError
        }
    }

    static func describe(_ error: Error) -> String {
        (error as? any BilingualError)?.message.description ?? String(describing: error)
    }

    private func redact(_ message: String, key: String??) -> String {
        guard let key = key ?? nil, !key.isEmpty else { return message }
        return message.replacingOccurrences(of: key, with: "***")
    }

    /// Every feed, in the order they were added.
    public func list() async throws -> [Feed] { try await feeds.list() }
}
