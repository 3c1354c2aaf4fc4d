import Foundation
import Logging
import MokminBase
import MokminCore
import PostgresNIO

extension PostgresConnection {
    /// Appends an audit event, in the caller's transaction.
    func record(_ audit: AuditEvent, logger: Logger) async throws {
        try await query(
            """
            INSERT INTO auditlog (at, actor, action, target, detail, origin)
            VALUES (\(audit.at), \(audit.actor), \(audit.action), \(audit.target), \(audit.detail), \(audit.origin))
            """, logger: logger)
    }

    /// Waits for the transaction-scoped advisory lock named `name` (two servers changing the same thing take turns).
    func lock(_ name: String, logger: Logger) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtextextended(\(name), 0))", logger: logger)
    }
}

extension PostgresConnection {
    /// Runs `statement` with a `RETURNING 1` appended by the caller and counts the rows: PostgreSQL's way to learn how
    /// many rows an UPDATE or DELETE touched through the extended protocol.
    func count(_ statement: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await query(statement, logger: logger) { count += 1 }
        return count
    }
}

extension AsyncSequence {
    /// Every element, in order.
    func all() async throws -> [Element] {
        var result: [Element] = []
        for try await element in self { result.append(element) }
        return result
    }

    /// The first element, if any.
    func firstElement() async throws -> Element? {
        for try await element in self { return element }
        return nil
    }
}
