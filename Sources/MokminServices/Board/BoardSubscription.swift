import Foundation
import ServiceLifecycle

/// A client's place in the hub: its id (for heartbeats, revocation and leaving) and its items.
public struct BoardSubscription: Sendable {
    public let id: UUID
    public let items: AsyncThrowingStream<BoardStreamItem, any Error>
}
