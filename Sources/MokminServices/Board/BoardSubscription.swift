import Foundation
import MokminCore
import MokminStore

/// A client's place in the hub: its id (for heartbeats, revocation and leaving) and its items.
public struct BoardSubscription: Sendable {
    public let id: UUID
    public let items: BoardStream
}

/// A client's items (``BoardHub/subscribe(after:replayLimit:)``): what it missed, read back from the store in pages
/// (or one reset), then the hub's live events, each once and in id order. Worked out as the client reads, in the
/// client's own task: no task and no buffer of its own besides the hub's bounded one.
public struct BoardStream: AsyncSequence, Sendable {
    public typealias Element = BoardStreamItem
    let events: any BoardEventRepository
    let live: AsyncStream<BoardEvent>
    let lastSeen: Int64?
    /// The newest event the hub had handed out when the client subscribed: the live stream starts after it.
    let after: Int64
    let replayLimit: Int64

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: self, sent: lastSeen ?? after, live: live.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        enum Phase { case start, replaying, live, done }
        let stream: BoardStream
        var sent: Int64
        var live: AsyncStream<BoardEvent>.Iterator
        var phase = Phase.start

        public mutating func next() async throws -> BoardStreamItem? {
            while true {
                switch phase {
                case .done:
                    return nil
                case .start:
                    phase = .live
                    if sent > stream.after {
                        // An id this store never gave (the log was reset).
                        sent = stream.after
                        return .reset
                    }
                    if sent < stream.after {
                        let oldest = try await stream.events.events(after: 0, limit: 1).first?.id ?? stream.after
                        if stream.after - sent > stream.replayLimit || sent + 1 < oldest {
                            sent = stream.after
                            return .reset
                        }
                        phase = .replaying
                    }
                case .replaying:
                    let batch = sent < stream.after ? try await stream.events.events(after: sent, limit: 500).filter { $0.id <= stream.after } : []
                    guard let last = batch.last else {
                        sent = Swift.max(sent, stream.after)
                        phase = .live
                        continue
                    }
                    sent = last.id
                    return .events(batch)
                case .live:
                    guard let event = await live.next() else {
                        phase = .done
                        return nil
                    }
                    if event.id < 0 {
                        phase = .done
                        return .revoked
                    } else if event.id == 0 {
                        return .keepalive
                    } else if event.id > sent {
                        sent = event.id
                        return .events([event])
                    }
                }
            }
        }
    }
}
