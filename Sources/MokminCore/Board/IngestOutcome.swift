import Foundation

/// What one ingest stored.
public struct IngestOutcome: Sendable {
    /// Readings not stored before (or whose value changed).
    public var stored: Int
    /// The series whose latest value changed, as they are now.
    public var changed: [SeriesStatus]
    /// The events written in the same transaction, to publish to live clients.
    public var events: [BoardEvent]

    public init(stored: Int, changed: [SeriesStatus], events: [BoardEvent]) {
        self.stored = stored
        self.changed = changed
        self.events = events
    }
}
