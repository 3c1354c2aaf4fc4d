import Foundation
import MokminCore
import MokminStore
import Synchronization
import Testing

@testable import MokminServices

/// The hub's subscriptions: what a reconnecting client missed comes back from the store, then the live events, each
/// once and in order; too much missed, pruned or unknown ids give one reset.
@Suite struct BoardHubTests {
    /// An event log in memory, ids 1…n.
    final class Log: BoardEventRepository {
        let stored = Mutex<[BoardEvent]>([])
        func add(_ count: Int) {
            stored.withLock { events in
                for _ in 0..<count {
                    let id = (events.last?.id ?? 0) + 1
                    events.append(BoardEvent(id: id, kind: .feed, data: #"{"n":\#(id)}"#, createdAt: Date()))
                }
            }
        }
        func events(after id: Int64, limit: Int) async throws -> [BoardEvent] { stored.withLock { Array($0.filter { $0.id > id }.prefix(limit)) } }
        func latestID() async throws -> Int64 { stored.withLock { $0.last?.id ?? 0 } }
        func prune(before: Date, keep: Int) async throws -> Int {
            stored.withLock { events in
                let drop = max(0, events.count - keep)
                events.removeFirst(drop)
                return drop
            }
        }
    }

    /// The items until `count` events arrived (or the stream ended), flattened: event ids, `-1` for a reset.
    static func collect(_ subscription: BoardSubscription, events count: Int) async throws -> [Int64] {
        var seen: [Int64] = []
        for try await item in subscription.items {
            switch item {
            case .events(let events): seen += events.map(\.id)
            case .reset: seen.append(-1)
            case .keepalive, .revoked: continue
            }
            if seen.filter({ $0 > 0 }).count >= count { break }
        }
        return seen
    }

    @Test("Missed events come from the store in pages, then live ones, each once and in order")
    func replayThenLive() async throws {
        let log = Log()
        log.add(1_200)
        let hub = BoardHub(events: log)
        let subscription = await hub.subscribe(after: 100)
        log.add(3)
        await hub.notify()
        let seen = try await Self.collect(subscription, events: 1_103)
        #expect(seen == Array(101...1_203))
    }

    @Test("A client without a last id gets only what happens from now on")
    func liveOnly() async throws {
        let log = Log()
        log.add(10)
        let hub = BoardHub(events: log)
        let subscription = await hub.subscribe(after: nil)
        log.add(2)
        await hub.notify()
        #expect(try await Self.collect(subscription, events: 2) == [11, 12])
    }

    @Test("Too much missed, pruned events or an id never given: one reset, then live events")
    func resets() async throws {
        let log = Log()
        log.add(50)
        let hub = BoardHub(events: log)
        let tooMuch = await hub.subscribe(after: 10, replayLimit: 20)
        let future = await hub.subscribe(after: 9_999)
        _ = try await log.prune(before: Date(), keep: 30)
        let pruned = await hub.subscribe(after: 5)
        log.add(1)
        await hub.notify()
        for subscription in [tooMuch, future, pruned] {
            #expect(try await Self.collect(subscription, events: 1) == [-1, 51])
        }
    }

    @Test("A revoked subscription says so and ends; leaving ends the stream")
    func revokeAndLeave() async throws {
        let log = Log()
        let hub = BoardHub(events: log)
        let revoked = await hub.subscribe(after: nil)
        await hub.revoke(revoked.id)
        var items: [String] = []
        for try await item in revoked.items { items.append("\(item)") }
        #expect(items == ["revoked"])
        let leaving = await hub.subscribe(after: nil)
        await hub.unsubscribe(leaving.id)
        var count = 0
        for try await _ in leaving.items { count += 1 }
        let remaining = await hub.subscriberCount
        #expect(count == 0 && remaining == 0)
    }
}
