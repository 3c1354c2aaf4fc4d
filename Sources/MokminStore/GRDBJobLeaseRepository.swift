import Foundation
import GRDB

/// The GRDB implementation of `JobLeaseRepository` (a server and a `mokmin` command on one SQLite file share it).
public struct GRDBJobLeaseRepository: JobLeaseRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func acquire(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO jobLease (name, holder, expiresAt) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expiresAt = excluded.expiresAt
                    WHERE jobLease.expiresAt <= ? OR jobLease.holder = excluded.holder
                    """, arguments: [name, holder, until, now])
            return db.changesCount > 0
        }
    }

    public func release(_ name: String, holder: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM jobLease WHERE name = ? AND holder = ?", arguments: [name, holder]) }
    }

    public func holder(of name: String, now: Date) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT holder FROM jobLease WHERE name = ? AND expiresAt > ?", arguments: [name, now])
        }
    }
}
