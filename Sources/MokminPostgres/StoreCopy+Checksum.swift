import Foundation
import GRDB
import Logging
import MokminStore
import NIOCore
import PostgresNIO

/// One value as both stores read it back, for the copy's checksum, and as `COPY` text: integers in decimal, doubles by
/// their bits, booleans as 0/1, times as milliseconds since 1970 (SQLite keeps milliseconds), bytes in hex, text as
/// it is. `kind` is the PostgreSQL column type (`information_schema.columns.data_type`).
enum Canonical {
    static func text(_ value: DatabaseValue, kind: String) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i):
            switch kind {
            case "double precision": return String(Double(i).bitPattern)
            case "boolean": return i != 0 ? "1" : "0"
            default: return String(i)
            }
        case .double(let d):
            return kind == "bigint" ? String(Int64(d)) : String(d.bitPattern)
        case .string(let s):
            if kind == "timestamp with time zone", let date = Date.fromDatabaseValue(value) { return milliseconds(date) }
            return s
        case .blob(let data):
            return data.map { String(format: "%02x", $0) }.joined()
        }
    }

    static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    /// The value as a field of `COPY`'s text format.
    static func copyText(_ value: DatabaseValue, kind: String, into buffer: inout ByteBuffer) {
        switch value.storage {
        case .null:
            buffer.writeStaticString("\\N")
        case .int64(let i):
            if kind == "boolean" { buffer.writeStaticString(i != 0 ? "t" : "f") } else { buffer.writeString(String(i)) }
        case .double(let d):
            buffer.writeString(
                kind == "bigint" ? String(Int64(d)) : (d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : d.description))
        case .string(let s):
            if kind == "timestamp with time zone", let date = Date.fromDatabaseValue(value) {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                buffer.writeString(formatter.string(from: date))
            } else {
                CopyRowWriter.write(s, to: &buffer)
            }
        case .blob(let data):
            buffer.writeStaticString("\\\\x")
            buffer.writeString(data.map { String(format: "%02x", $0) }.joined())
        }
    }
}

/// A table's row count and an order-independent checksum of its rows: the sum (mod 2⁶⁴) of each row's FNV-1a hash of
/// its canonical values. Not a cryptographic digest — it guards a copy against loss and corruption, not an adversary —
/// and the same on both sides whatever order each store returns the rows in.
struct Checksum: Equatable {
    var rows = 0
    var sum: UInt64 = 0

    mutating func add(_ fields: [String?]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in (field.map { "v" + $0 } ?? "\u{0}").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        sum = sum &+ hash
        rows += 1
    }

    static func sqlite(_ db: Database, table: String, columns types: [String: String]) throws -> Checksum {
        let names = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table]).sorted {
            $0.lowercased() < $1.lowercased()
        }
        let kinds = names.map { types[$0.lowercased()] ?? "text" }
        var checksum = Checksum()
        let list = try names.map(SQLIdentifier.quotedSQLite).joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(try SQLIdentifier.quotedSQLite(table))")
        while let row = try cursor.next() {
            checksum.add(kinds.enumerated().map { i, kind in Canonical.text(row[i] as DatabaseValue, kind: kind) })
        }
        return checksum
    }

    static func postgres(_ connection: PostgresConnection, table: String, columns types: [String: String], logger: Logger) async throws -> Checksum {
        let names = types.keys.sorted()
        let list = try names.map { name -> String in
            let quoted = try SQLIdentifier.quoted(name)
            // Each value as the canonical text, computed by the server.
            switch types[name] {
            case "double precision": return "(float8send(\(quoted)))::text"
            case "boolean": return "(\(quoted)::int)::text"
            case "timestamp with time zone": return "(round(extract(epoch FROM \(quoted)) * 1000))::bigint::text"
            case "bytea": return "encode(\(quoted), 'hex')"
            default: return "\(quoted)::text"
            }
        }.joined(separator: ", ")
        var checksum = Checksum()
        for try await row in try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(try SQLIdentifier.quoted(table))"), logger: logger)
        {
            var fields: [String?] = []
            for (cell, name) in zip(row, names) {
                var text = try cell.decode(String?.self)
                // float8send gives the big-endian bytes as a bytea literal (\x…): turn it into the bit pattern's decimal.
                if types[name] == "double precision", let hex = text?.dropFirst(2), let bits = UInt64(hex, radix: 16) { text = String(bits) }
                fields.append(text)
            }
            checksum.add(fields)
        }
        return checksum
    }
}
