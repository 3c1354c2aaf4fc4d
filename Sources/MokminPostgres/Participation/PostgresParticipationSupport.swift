import Foundation
import NIOCore
import PostgresNIO

/// A ballot's key: 16 random bytes, so that neither its value nor the table's order says when it was cast (as the
/// GRDB store's).
func randomBallotID() -> ByteBuffer {
    var generator = SystemRandomNumberGenerator()
    var bytes = [UInt8](repeating: 0, count: 16)
    for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
    return ByteBuffer(bytes: bytes)
}

extension Error {
    /// The SQLSTATE of a PostgreSQL server error: postgres-nio's own inside a transaction's body, the store's outside it.
    var postgresSQLState: String? {
        if let error = self as? PSQLError { return error.serverInfo?[.sqlState] }
        return (self as? PostgresStoreError)?.sqlState
    }

    /// Any integrity constraint failure (SQLSTATE class 23: unique, foreign key, check, not null), what SQLite reports as
    /// `SQLITE_CONSTRAINT`.
    var violatesConstraint: Bool { postgresSQLState?.hasPrefix("23") ?? false }

    /// A unique or primary key violation (SQLSTATE 23505).
    var violatesUniqueKey: Bool { postgresSQLState == "23505" }
}
