import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address, as the outbound policy checks it and as a pinned connection names it.
///
/// Only the strict textual forms parse (`inet_pton`: dotted quads, RFC 4291 IPv6 text); anything else — including the
/// legacy forms `127.1`, `2130706433` or `0x7f.0.0.1` — is a host name and goes through the resolver, whose answers
/// are what the policy checks.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    /// The 16 bytes in network order.
    case v6([UInt8])

    /// Parses a literal address; brackets around an IPv6 address (`[::1]`) and a zone (`%eth0`) are accepted.
    public init?(_ text: String) {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%"), text.contains(":") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self = .v4(UInt32(bigEndian: v4.s_addr))
            return
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        let parsed = v6.withUnsafeMutableBytes { inet_pton(AF_INET6, text, $0.baseAddress) }
        guard parsed == 1 else { return nil }
        self = .v6(v6)
    }

    /// Reads the address out of a socket address (what `getaddrinfo` answers).
    init?(socketAddress pointer: UnsafePointer<sockaddr>) {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            let address = pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            self = .v4(UInt32(bigEndian: address))
        case AF_INET6:
            var address = pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            self = .v6(withUnsafeBytes(of: &address) { Array($0) })
        default:
            return nil
        }
    }

    /// The canonical text (`127.0.0.1`, `::ffff:a00:1` as `inet_ntop` writes it).
    public var description: String {
        switch self {
        case .v4(let value):
            return "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
        case .v6(let bytes):
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let written = bytes.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
            guard written != nil else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The address as a URL names it: IPv6 in brackets.
    public var urlHost: String {
        switch self {
        case .v4: description
        case .v6: "[\(description)]"
        }
    }
}
