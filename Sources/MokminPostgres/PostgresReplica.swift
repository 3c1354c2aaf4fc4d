import Foundation
import Logging
import MokminStore
import PostgresNIO
import Synchronization

/// Sends reads that may be a moment stale to a streaming replica, and everything else to the primary.
///
/// A monitor asks the replica every few seconds (one direct connection, so that a replica that is down is noticed
/// at once rather than after the pool's minute of retries); while it does not answer, reads go to the primary. A read that fails on the replica because it has not yet received a table (a version
/// published a moment ago) or because the connection broke is run again on the primary.
public final class PostgresReads: Sendable {
    public let primary: PostgresStore
    public let replica: PostgresStore?
    private let usable = Flag()
    private let monitor: Task<Void, Never>?

    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set(_ on: Bool) { value.store(on, ordering: .relaxed) }
    }

    public init(primary: PostgresStore, replica: PostgresStore?) {
        self.primary = primary
        self.replica = replica
        guard let replica else {
            monitor = nil
            return
        }
        let usable = self.usable
        monitor = Task {
            while !Task.isCancelled {
                usable.set(await Self.answers(replica))
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }

    deinit { monitor?.cancel() }

    /// Whether reads go to the replica now.
    public var replicaInUse: Bool { replica != nil && usable.isSet }

    /// Checks the replica now (the monitor does so every few seconds).
    public func checkReplica() async {
        guard let replica else { return }
        usable.set(await Self.answers(replica))
    }

    /// Runs a read on the replica when it is in use, else (or when it fails there for a reason the primary would
    /// not have) on the primary.
    /// With `snapshot`, the read runs in one read-only transaction that sees one state of the database throughout.
    public func read<T: Sendable>(snapshot: Bool = false, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        if let replica, replicaInUse {
            do {
                return try await Self.read(on: replica, snapshot: snapshot, body)
            } catch let error as PostgresStoreError where error.sqlState == nil || error.sqlState == "42P01" {
                // Not reachable, or the table is not there yet: the primary answers.
                if error.sqlState == nil { usable.set(false) }
            }
        }
        return try await Self.read(on: primary, snapshot: snapshot, body)
    }

    static func read<T: Sendable>(on store: PostgresStore, snapshot: Bool, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard snapshot else { return try await store.connection(body) }
        return try await store.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: store.logger)
            return try await body(connection)
        }
    }

    /// Whether the replica answers, as a server in recovery, on one new connection within two seconds.
    static func answers(_ replica: PostgresStore) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: try replica.url.connectionConfiguration(), id: 1, logger: replica.logger)
                    defer { Task { try? await connection.close() } }
                    let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: replica.logger)
                    return try await rows.decode(Bool.self).firstElement() ?? false
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
