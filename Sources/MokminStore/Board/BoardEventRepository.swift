import Foundation
import GRDB
import MokminCore

/// The board's event log: appended inside the transactions that change what the events describe, read by the
/// live stream to replay what a reconnecting client missed.
public protocol BoardEventRepository: Sendable {
    /// Events with an id above `id`, oldest first, at most `limit`.
    func events(after id: Int64, limit: Int) async throws -> [BoardEvent]
    /// The newest event id (0 when there is none).
    func latestID() async throws -> Int64
    /// Deletes events older than `before`, always keeping the newest `keep`; returns how many it deleted.
    func prune(before: Date, keep: Int) async throws -> Int
    /// Wakes whenever events may have been appended by another server (PostgreSQL's LISTEN/NOTIFY), and once
    /// after each (re)connection; nil where the store has no such signal (SQLite: the hub looks every two seconds).
    func appendedElsewhere() -> AsyncStream<Void>?
}

extension BoardEventRepository {
    public func appendedElsewhere() -> AsyncStream<Void>? { nil }
}
