import Foundation
import Logging
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `JobLeaseRepository`: one conditional upsert, so that of several servers trying at
/// once exactly one gets a free lease.
public struct PostgresJobLeaseRepository: JobLeaseRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func acquire(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await store.connection { connection in
            try await connection.count(
                """
                INSERT INTO joblease (name, holder, expiresat) VALUES (\(name), \(holder), \(until))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expiresat = excluded.expiresat
                WHERE joblease.expiresat <= \(now) OR joblease.holder = excluded.holder
                RETURNING 1
                """, logger: logger) > 0
        }
    }

    public func release(_ name: String, holder: String) async throws {
        try await store.connection { connection in
            try await connection.query("DELETE FROM joblease WHERE name = \(name) AND holder = \(holder)", logger: logger)
        }
    }

    public func holder(of name: String, now: Date) async throws -> String? {
        try await store.connection { connection in
            try await connection.query("SELECT holder FROM joblease WHERE name = \(name) AND expiresat > \(now)", logger: logger)
                .decode(String.self).firstElement()
        }
    }
}
