import Foundation
import ServiceLifecycle
import Synchronization

/// How long the board keeps what: raw readings, hourly aggregates, and the live stream's event log.
public struct BoardRetention: Sendable, Hashable {
    public var rawDays: Int
    public var hourlyDays: Int
    public var eventHours: Int
    /// Events always kept, whatever their age (what a reconnecting client can catch up on).
    public var eventsKept: Int

    public init(rawDays: Int = 7, hourlyDays: Int = 400, eventHours: Int = 24, eventsKept: Int = 10_000) {
        self.rawDays = rawDays
        self.hourlyDays = hourlyDays
        self.eventHours = eventHours
        self.eventsKept = eventsKept
    }
}
