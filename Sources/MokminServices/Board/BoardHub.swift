import Foundation
import Logging
import MokminCore
import MokminStore
import ServiceLifecycle

/// Fans the board's events out to live clients, in id order.
///
/// Writers append events to the store inside their own transactions and then call ``notify()``; one pump reads the
/// new events from the store and hands them to every subscriber, so clients see events in id order even when
/// writers finish out of order. A subscriber that falls more than ``bufferSize`` events behind is dropped: its
/// client reconnects with `Last-Event-ID` and catches up from the store.
public actor BoardHub: Service {
    private let events: any BoardEventRepository
    private var subscribers: [UUID: AsyncStream<BoardEvent>.Continuation] = [:]
    private var published: Int64?
    private var pumping = false
    private var dirty = false
    private var closed = false
    private let logger: Logger
    public let bufferSize: Int

    public init(events: any BoardEventRepository, bufferSize: Int = 4096, logger: Logger = Logger(label: "mokmin.board")) {
        self.events = events
        self.bufferSize = bufferSize
        self.logger = logger
    }

    /// Starts a client's stream. `lastSeen` is the last event id the client has (its `Last-Event-ID`, or the id its
    /// page was rendered at), nil for a client that wants only what happens from now on.
    ///
    /// The stream first gives what the client missed, read back from the store in pages, then the live events, each
    /// once and in id order. It gives ``BoardStreamItem/reset`` instead of the missed events when the client missed
    /// more than `replayLimit` events, when they were pruned already, or when it names an id this store never gave
    /// (the log was reset): the client should load the whole board again. A stream that falls more than
    /// ``bufferSize`` items behind ends; its client reconnects with `Last-Event-ID` and catches up from the store.
    public func subscribe(after lastSeen: Int64?, replayLimit: Int64 = 10_000) async -> BoardSubscription {
        let (id, after, live) = await register()
        return BoardSubscription(
            id: id, items: BoardStream(events: events, live: live, lastSeen: lastSeen, after: after, replayLimit: replayLimit))
    }

    /// Adds a subscriber that receives the events newer than the returned id (the newest one already published).
    func register() async -> (id: UUID, after: Int64, stream: AsyncStream<BoardEvent>) {
        let after = await publishedID()
        let (stream, continuation) = AsyncStream<BoardEvent>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize))
        let id = UUID()
        if closed {
            continuation.finish()
        } else {
            subscribers[id] = continuation
        }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return (id, after, stream)
    }

    public func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Ends one subscriber's stream because its credential no longer holds: it receives an event with id -1 (the
    /// stream writes it as `event: revoked`) and then nothing more.
    public func revoke(_ id: UUID) {
        guard let continuation = subscribers.removeValue(forKey: id) else { return }
        continuation.yield(BoardEvent(id: -1, kind: .feed, data: "", createdAt: Date()))
        continuation.finish()
    }

    /// Sends one subscriber a keep-alive marker (an event with id 0; the stream writes it as a comment line).
    public func heartbeat(_ id: UUID) {
        _ = subscribers[id]?.yield(BoardEvent(id: 0, kind: .feed, data: "", createdAt: Date()))
    }

    /// How many clients are connected.
    public var subscriberCount: Int { subscribers.count }

    /// The newest event id handed to subscribers (the store's newest at first use).
    public func publishedID() async -> Int64 {
        if let published { return published }
        let latest = (try? await events.latestID()) ?? 0
        if published == nil { published = latest }
        return published ?? latest
    }

    /// Tells the hub that new events may be in the store.
    public func notify() async {
        dirty = true
        guard !pumping else { return }
        pumping = true
        defer { pumping = false }
        while dirty && !closed {
            dirty = false
            let after = await publishedID()
            guard let batch = try? await events.events(after: after, limit: 1000), !batch.isEmpty else { continue }
            for event in batch { broadcast(event) }
            published = batch.last?.id
            if batch.count == 1000 { dirty = true }
        }
    }

    private func broadcast(_ event: BoardEvent) {
        for (id, continuation) in subscribers {
            if case .dropped = continuation.yield(event) {
                logger.notice("a live client fell behind and was disconnected; it will reconnect and catch up", metadata: ["client": "\(id)"])
                unsubscribe(id)
            }
        }
    }

    /// Ends every stream (at shutdown, so that open connections do not hold the server up).
    public func close() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    /// Picks up events written by other processes: at once when the store signals them (PostgreSQL's
    /// LISTEN/NOTIFY, so that a reading stored through one server reaches the clients of every server), and every few
    /// seconds in any case; closes the streams at shutdown.
    public func run() async throws {
        let signal = events.appendedElsewhere()
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let signal {
                    group.addTask {
                        for await _ in signal { await self.notify() }
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        await self.notify()
                        do { try await Task.sleep(for: .seconds(2)) } catch { return }
                    }
                }
            }
        }
        close()
    }
}
