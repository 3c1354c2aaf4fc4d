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
                    let last = Date(timeIntervalSince1970: row["lastFailureAt"])
                    let forgotten = last < now.addingTimeInterval(-throttle.forgetAfter)
                    let next = Date(timeIntervalSince1970: row["nextAllowedAt"])
                    let reported = (row["refusedReportedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
                    rows.append((key, forgotten ? 0 : row["failures"], forgotten ? now : next, row["refused"], reported))
                } else {
                    rows.append((key, 0, now, 0, nil))
                }
            }
            // A millisecond of slack: a time stored as seconds since 1970 comes back a rounding step off `now`.
            if let waiting = rows.filter({ $0.next.timeIntervalSince(now) > 0.001 }).max(by: { $0.next < $1.next }) {
                let refused = waiting.refused + 1
                if waiting.reported.map({ now.timeIntervalSince($0) >= throttle.reportEvery }) ?? true {
                    try AuditRecord(
                        AuditEvent(
                            actor: nil, action: "login.blocked", target: login,
                            detail:
                                "\(refused) attempt(s) refused by \(waiting.key.scope.rawValue) until \(ISO8601DateFormatter().string(from: waiting.next))",
                            origin: origin, at: now)
                    ).insert(db)
                    try db.execute(
                        sql: "UPDATE signInThrottle SET refused = 0, refusedReportedAt = ? WHERE key = ?",
                        arguments: [now.timeIntervalSince1970, waiting.key.text])
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
                        """, arguments: [row.key.text, failures, now.timeIntervalSince1970, next.timeIntervalSince1970])
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
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM signInThrottle WHERE lastFailureAt < ?", arguments: [date.timeIntervalSince1970])
        }
    }
}
