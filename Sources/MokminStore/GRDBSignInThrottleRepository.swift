import Foundation
import GRDB
import MokminCore

/// The GRDB implementation of `SignInThrottleRepository`: one row per key in `signInThrottle`.
public struct GRDBSignInThrottleRepository: SignInThrottleRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func reserve(
        _ keys: [SignInThrottle.Key], throttle: SignInThrottle, login: String, origin: String?, now: Date
    ) async throws -> SignInDecision {
        try await writer.write { db in
            var rows: [(key: SignInThrottle.Key, failures: Int, next: Date, refused: Int, reported: Date?)] = []
            for key in keys {
                if let row = try Row.fetchOne(
                    db, sql: "SELECT failures, lastFailureAt, nextAllowedAt, refused, refusedReportedAt FROM signInThrottle WHERE key = ?",
                    arguments: [key.text])
                {
                    let forgotten = (row["lastFailureAt"] as Date) < now.addingTimeInterval(-throttle.forgetAfter)
                    rows.append((key, forgotten ? 0 : row["failures"], forgotten ? now : row["nextAllowedAt"], row["refused"], row["refusedReportedAt"]))
                } else {
                    rows.append((key, 0, now, 0, nil))
                }
            }
            if let waiting = rows.filter({ $0.next > now }).max(by: { $0.next < $1.next }) {
                let refused = waiting.refused + 1
                if waiting.reported.map({ now.timeIntervalSince($0) >= throttle.reportEvery }) ?? true {
                    try AuditRecord(
                        AuditEvent(
                            actor: nil, action: "login.blocked", target: login,
                            detail: "\(refused) attempt(s) refused by \(waiting.key.scope.rawValue) until \(ISO8601DateFormatter().string(from: waiting.next))",
                            origin: origin, at: now)
                    ).insert(db)
                    try db.execute(
                        sql: "UPDATE signInThrottle SET refused = 0, refusedReportedAt = ? WHERE key = ?", arguments: [now, waiting.key.text])
                } else {
                    try db.execute(sql: "UPDATE signInThrottle SET refused = ? WHERE key = ?", arguments: [refused, waiting.key.text])
                }
                return .refused(until: waiting.next)
            }
            for row in rows {
                let failures = row.failures + 1
                let next = now.addingTimeInterval(throttle.delay(row.key.scope, failures: failures))
                try db.execute(
                    sql: """
                        INSERT INTO signInThrottle (key, failures, lastFailureAt, nextAllowedAt, refused) VALUES (?, ?, ?, ?, 0)
                        ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, lastFailureAt = excluded.lastFailureAt,
                            nextAllowedAt = excluded.nextAllowedAt
                        """, arguments: [row.key.text, failures, now, next])
            }
            return .reserved
        }
    }

    public func clear(_ keys: [SignInThrottle.Key]) async throws {
        try await writer.write { db in
            for key in keys { try db.execute(sql: "DELETE FROM signInThrottle WHERE key = ?", arguments: [key.text]) }
        }
    }

    public func prune(before date: Date) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM signInThrottle WHERE lastFailureAt < ?", arguments: [date]) }
    }
}
