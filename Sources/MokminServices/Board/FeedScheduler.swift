import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import ServiceLifecycle
import Synchronization

/// Runs every due feed while the server runs, each in its own task so that a slow or failing feed never holds up
/// another; once a minute evaluates the timed alert rules; every ten minutes folds raw readings into hourly
/// aggregates and drops what is past its retention.
public struct FeedScheduler: Service {
    let feeds: FeedService
    let alerts: AlertService?
    let events: any BoardEventRepository
    let retention: BoardRetention
    /// Leases that let one server of several poll each feed, evaluate the timed rules and compact (nil: alone).
    let leases: JobLeases?
    let logger: Logger
    var tick: Duration = .seconds(1)

    public init(
        feeds: FeedService, alerts: AlertService?, events: any BoardEventRepository, retention: BoardRetention = BoardRetention(),
        leases: JobLeases? = nil, logger: Logger = Logger(label: "mokmin.feeds")
    ) {
        self.feeds = feeds
        self.alerts = alerts
        self.events = events
        self.retention = retention
        self.leases = leases
        self.logger = logger
    }

    public func run() async throws {
        let running = RunningSet()
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                // The timed checks start a minute in, after every feed had its first run.
                var lastPeriodic = Date()
                var lastCompaction = Date.distantPast
                while !Task.isCancelled {
                    let now = Date()
                    for feed in (try? await feeds.store.list()) ?? [] where feed.isDue(at: now) {
                        guard running.insert(feed.id) else { continue }
                        group.addTask {
                            await runOnce(feed)
                            running.remove(feed.id)
                        }
                    }
                    if now.timeIntervalSince(lastPeriodic) >= 60 {
                        lastPeriodic = now
                        // Once a minute across the servers: the lease is kept, not released, until the minute is over.
                        if await leases?.take("alerts:periodic", for: 55) ?? true { await alerts?.periodic(now: now) }
                    }
                    if now.timeIntervalSince(lastCompaction) >= 600 {
                        lastCompaction = now
                        if let leases {
                            _ = await leases.run("board:compaction") { await compact(now: now) }
                        } else {
                            await compact(now: now)
                        }
                    }
                    do { try await Task.sleep(for: tick) } catch { break }
                }
            }
        }
    }

    /// Runs a due feed, under its lease when servers share the database, and only if no other server ran it since
    /// the list was read.
    func runOnce(_ feed: Feed) async {
        guard let leases else {
            await feeds.run(feed, at: Date())
            return
        }
        _ = await leases.run("feed:\(feed.id)") {
            guard let fresh = try? await feeds.store.find(id: feed.id), fresh.isDue(at: Date()) else { return }
            await feeds.run(fresh, at: Date())
        }
    }

    /// Folds the last two hours into hourly aggregates and drops what is past its retention.
    public func compact(now: Date) async {
        let local = LocalTime.seconds(LocalTime.string(now)) ?? 0
        let hour = local / 3600 * 3600
        do {
            let deleted = try await feeds.store.compact(
                sinceHour: LocalTime.string(localSeconds: hour - 2 * 3600),
                rawBefore: LocalTime.string(localSeconds: hour - Int64(retention.rawDays) * 86400),
                hourlyBefore: LocalTime.string(localSeconds: hour - Int64(retention.hourlyDays) * 86400))
            let pruned = try await events.prune(before: now.addingTimeInterval(-Double(retention.eventHours) * 3600), keep: retention.eventsKept)
            if deleted > 0 || pruned > 0 { logger.info("board compaction", metadata: ["readings": "\(deleted)", "events": "\(pruned)"]) }
        } catch {
            logger.error("board compaction failed", metadata: ["error": "\(error)"])
        }
    }
}

/// The feeds with a run in progress (a feed never runs twice at once).
final class RunningSet: Sendable {
    private let ids = Mutex<Set<Int64>>([])

    func insert(_ id: Int64) -> Bool { ids.withLock { $0.insert(id).inserted } }
    func remove(_ id: Int64) { _ = ids.withLock { $0.remove(id) } }
}
