import Foundation
import MokminCore

/// Live feeds, their series and readings, and disaster messages.
public protocol FeedRepository: Sendable {
    func create(_ feed: NewFeed, audit: AuditEvent) async throws -> Feed
    func list() async throws -> [Feed]
    func find(id: Int64) async throws -> Feed?
    func find(name: String) async throws -> Feed?
    /// The service key, for the call only.
    func serviceKey(id: Int64) async throws -> String?
    func setEnabled(id: Int64, enabled: Bool, audit: AuditEvent) async throws -> Feed
    /// Removes the feed with its series and readings (messages stay, without their feed).
    func remove(id: Int64, audit: AuditEvent) async throws

    /// Records a failed run (the feed's health) and returns the `feed` event written with it.
    func recordFailure(id: Int64, at: Date, error: String) async throws -> [BoardEvent]
    /// Stores a run's readings in one transaction: new readings, revised values, each series' latest value, the
    /// feed's health, and a `reading` event (the changed series) and a `feed` event.
    func ingest(feedID: Int64, readings: [FeedReading], issues: Int, at: Date) async throws -> IngestOutcome
    /// Stores a run's disaster messages (new serials, and corrections of known ones) in one transaction with the
    /// feed's health; returns the messages not seen before and the events.
    func ingest(feedID: Int64, messages: [DisasterMessage], issues: Int, at: Date) async throws -> (new: [DisasterMessage], events: [BoardEvent])

    /// The latest value of every series.
    func latest() async throws -> [SeriesStatus]
    func series(id: String) async throws -> SeriesStatus?
    /// A series' history from `from` to `to` (local times, inclusive); with `stepSeconds` aggregated into buckets
    /// (hourly aggregates serve the part older than the raw readings kept).
    func history(series: String, from: String, to: String, stepSeconds: Int?) async throws -> [SeriesPoint]
    /// The raw readings since `since` (local time) of the given series, oldest first.
    func readings(series: [String], since: String) async throws -> [String: [FeedReading]]
    /// The newest disaster messages first.
    func messages(limit: Int) async throws -> [DisasterMessage]
    /// Folds raw readings from `sinceHour` on into hourly aggregates, then deletes raw readings older than
    /// `rawBefore` and aggregates older than `hourlyBefore` (local times); returns the raw readings deleted.
    func compact(sinceHour: String, rawBefore: String, hourlyBefore: String) async throws -> Int
}
