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

extension PostgresStoreError {
    /// Any integrity constraint failure (SQLSTATE class 23: unique, foreign key, check, not null), what SQLite reports as
    /// `SQLITE_CONSTRAINT`.
    var isConstraintViolation: Bool { sqlState?.hasPrefix("23") ?? false }
}
