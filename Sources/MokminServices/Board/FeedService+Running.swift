import Foundation
import MokminBase
import MokminCore
import MokminIngest

/// Running feeds: fetch, read, store in one transaction, notify live clients, evaluate the alert rules.
extension FeedService {
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
        let parsed: FeedAnswer
        do {
            parsed = try await fetchAndParse(feed)
        } catch let error as MokminError {
            // Whatever failed, fetching or reading the answer, it is the source's answer that is wanting: 502.
            let key = try? await store.serviceKey(id: feed.id)
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
            let message = Self.clipped(redact(Self.describe(error), key: try? await store.serviceKey(id: feed.id)), 2 * Self.maxErrorLength)
            logger.warning("feed run failed", metadata: ["feed": "\(feed.name)", "reason": "\(message)"])
            _ = try? await store.recordFailure(id: feed.id, at: at, error: message)
            await hub?.notify()
            return RunReport(feed: feed.name, items: 0, stored: 0, issues: [], sample: [], error: message)
        }
    }

    /// Stores what a run read (one transaction), tells live clients, and evaluates the alert rules.
    func store(_ parsed: FeedAnswer, feed: Feed, at: Date) async throws -> RunReport {
        let stored: Int
        switch parsed.content {
        case .readings(let readings):
            let outcome = try await store.ingest(feedID: feed.id, readings: readings, issues: parsed.issues.count, at: at)
            stored = outcome.stored
            await hub?.notify()
            if let alerts, !outcome.changed.isEmpty { await alerts.afterReadings(outcome.changed, at: at) }
        case .messages(let messages):
            let outcome = try await store.ingest(feedID: feed.id, messages: messages, issues: parsed.issues.count, at: at)
            stored = outcome.new.count
            await hub?.notify()
            if let alerts, !outcome.new.isEmpty { await alerts.afterMessages(outcome.new, at: at) }
        }
        return RunReport(
            feed: feed.name, items: parsed.count, stored: stored, issues: parsed.issues.map(\.description), sample: parsed.sample, error: nil)
    }

    func fetchAndParse(_ feed: Feed) async throws -> FeedAnswer {
        let settings = try FeedSettings.decode(feed.settings)
        let key = try await store.serviceKey(id: feed.id)
        return try await reader.read(try await fetcher.fetch(feed, key: key, settings: settings), feed: feed, settings: settings)
    }

    /// Stores a saved response (an archived answer, or a day recorded elsewhere) as if the feed had just read it.
    public func load(_ reference: String, data: Data, at: Date = Date()) async throws -> RunReport {
        let feed = try await find(reference)
        let start = ContinuousClock.now
        let parsed = try await reader.read(data, feed: feed, settings: try FeedSettings.decode(feed.settings))
        let parsedAt = ContinuousClock.now
        var report = try await store(parsed, feed: feed, at: at)
        report.parseSeconds = Self.seconds(parsedAt - start)
        report.storeSeconds = Self.seconds(ContinuousClock.now - parsedAt)
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func describe(_ error: Error) -> String {
        (error as? any BilingualError)?.message.description ?? String(describing: error)
    }

    private func redact(_ message: String, key: String??) -> String {
        guard let key = key ?? nil, !key.isEmpty else { return message }
        return message.replacingOccurrences(of: key, with: "***")
    }

}
