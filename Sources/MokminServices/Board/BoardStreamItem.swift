import Foundation
import MokminCore
import ServiceLifecycle

/// What a client's stream carries (``BoardHub/subscribe(after:replayLimit:)``).
public enum BoardStreamItem: Sendable {
    /// Events in id order: a page of missed ones, or one live event.
    case events([BoardEvent])
    /// The client missed too much (or names an id never given): it should load the whole board again.
    case reset
    /// Nothing happened for a while: a keep-alive for proxies (``BoardHub/heartbeat(_:)``).
    case keepalive
    /// The credential the stream was opened with no longer holds (``BoardHub/revoke(_:)``); nothing follows.
    case revoked
}
