#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address block (`10.0.0.0/8`, `192.0.2.7`, `fd00::/8`): the trusted proxies of a deployment.
/// IPv4 addresses are kept in their IPv4-mapped IPv6 form, so `::ffff:10.0.0.1` and `10.0.0.1` are the same address.
public struct AddressBlock: Sendable, Hashable, CustomStringConvertible {
    /// The network's 16 bytes (IPv6, or IPv4-mapped IPv6).
    public let bytes: [UInt8]
    /// Prefix length over the 128 bits.
    public let prefixLength: Int
    public let description: String

    /// Parses `address` or `address/prefix`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let (bytes, isV4) = Self.parse(address: first) else { return nil }
        let width = isV4 ? 32 : 128
        var length = width
        if parts.count == 2 {
            guard parts[1].count <= 3, let n = Int(parts[1]), (0...width).contains(n) else { return nil }
            length = n
        }
        let total = isV4 ? length + 96 : length
        self.bytes = Self.masked(bytes, prefix: total)
        self.prefixLength = total
        self.description = parts.count == 2 ? "\(first)/\(length)" : first
    }

    /// Whether `address` (IPv4 or IPv6 text) lies in this block.
    public func contains(_ address: String) -> Bool {
        guard let (other, _) = Self.parse(address: address) else { return false }
        return Self.masked(other, prefix: prefixLength) == bytes
    }

    /// The 16 bytes of an IPv4 or IPv6 address, and whether it was written as IPv4; nil when it is not an address.
    public static func parse(address text: String) -> (bytes: [UInt8], isV4: Bool)? {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }  // a zone (fe80::1%eth0)
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            return ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)], true)
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return (withUnsafeBytes(of: &v6) { Array($0) }, false)
    }

    static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(8, max(0, prefix - index * 8))
            return bits == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        }
    }
}

import Foundation
