import MokminBase
import MokminCore

/// Why an address is "inside" and refused by the outbound policy. The raw value is the rule's name in errors.
public enum AddressCategory: String, Sendable, CaseIterable {
    case loopback
    case unspecified
    case linkLocal = "link-local"
    case privateNetwork = "private"
    case sharedAddressSpace = "carrier-grade NAT"
    case multicast
    case reserved
    /// A cloud provider's instance metadata service (credentials live there); never allowed, not even by an admin.
    case metadata

    /// The rule's name for people.
    public var name: LocalizedText {
        switch self {
        case .loopback: LocalizedText(ko: "루프백(자기 자신)", en: "loopback")
        case .unspecified: LocalizedText(ko: "미지정", en: "unspecified")
        case .linkLocal: LocalizedText(ko: "링크 로컬", en: "link-local")
        case .privateNetwork: LocalizedText(ko: "사설망", en: "private")
        case .sharedAddressSpace: LocalizedText(ko: "통신사 공유 주소(CGNAT)", en: "carrier-grade NAT")
        case .multicast: LocalizedText(ko: "멀티캐스트", en: "multicast")
        case .reserved: LocalizedText(ko: "예약된", en: "reserved")
        case .metadata: LocalizedText(ko: "클라우드 메타데이터", en: "cloud metadata")
        }
    }
}

extension IPAddress {
    /// The category that makes this address inside, or nil for a public (global unicast) address.
    ///
    /// IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`,
    /// 6to4 `2002::/16`) are judged by the IPv4 address they carry.
    public var category: AddressCategory? {
        switch self {
        case .v4(let value): Self.category(v4: value)
        case .v6(let bytes): Self.category(v6: bytes)
        }
    }

    /// Instance metadata services: AWS, GCP, Azure, OpenStack (169.254.169.254), AWS ECS (169.254.170.2),
    /// Alibaba Cloud (100.100.100.200), Oracle Cloud (192.0.0.192), AWS over IPv6 (fd00:ec2::254).
    static let metadataAddresses: Set<IPAddress> = [
        IPAddress("169.254.169.254")!, IPAddress("169.254.170.2")!, IPAddress("100.100.100.200")!, IPAddress("192.0.0.192")!,
        IPAddress("fd00:ec2::254")!,
    ]

    static func category(v4 value: UInt32) -> AddressCategory? {
        if metadataAddresses.contains(.v4(value)) { return .metadata }
        func inRange(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ bits: UInt32) -> Bool {
            let base = a << 24 | b << 16 | c << 8 | d
            let mask: UInt32 = bits == 0 ? 0 : ~0 << (32 - bits)
            return value & mask == base
        }
        if value == 0 { return .unspecified }
        if inRange(0, 0, 0, 0, 8) { return .reserved }  // "this network"
        if inRange(127, 0, 0, 0, 8) { return .loopback }
        if inRange(10, 0, 0, 0, 8) || inRange(172, 16, 0, 0, 12) || inRange(192, 168, 0, 0, 16) { return .privateNetwork }
        if inRange(100, 64, 0, 0, 10) { return .sharedAddressSpace }
        if inRange(169, 254, 0, 0, 16) { return .linkLocal }
        if inRange(224, 0, 0, 0, 4) { return .multicast }
        let reserved: [(UInt32, UInt32, UInt32, UInt32, UInt32)] = [
            (192, 0, 0, 0, 24),  // IETF protocol assignments
            (192, 0, 2, 0, 24), (198, 51, 100, 0, 24), (203, 0, 113, 0, 24),  // documentation
            (192, 88, 99, 0, 24),  // 6to4 relay anycast
            (198, 18, 0, 0, 15),  // benchmarking
            (240, 0, 0, 0, 4),  // future use and the broadcast address
        ]
        if reserved.contains(where: { inRange($0.0, $0.1, $0.2, $0.3, $0.4) }) { return .reserved }
        return nil
    }

    static func category(v6 b: [UInt8]) -> AddressCategory? {
        if metadataAddresses.contains(.v6(b)) { return .metadata }
        func embeddedV4(at offset: Int) -> UInt32 {
            UInt32(b[offset]) << 24 | UInt32(b[offset + 1]) << 16 | UInt32(b[offset + 2]) << 8 | UInt32(b[offset + 3])
        }
        func prefix(_ bytes: [UInt8], bits: Int) -> Bool {
            for bit in 0..<bits {
                let byte = bit / 8, shift = 7 - bit % 8
                if (b[byte] >> shift) & 1 != (bytes[byte] >> shift) & 1 { return false }
            }
            return true
        }
        let firstTen = b[0..<10].allSatisfy { $0 == 0 }
        if firstTen && b[10] == 0 && b[11] == 0 {
            if b[12..<15].allSatisfy({ $0 == 0 }) {
                if b[15] == 0 { return .unspecified }
                if b[15] == 1 { return .loopback }
            }
            return category(v4: embeddedV4(at: 12)) ?? .reserved  // IPv4-compatible (deprecated): never a plain public route
        }
        if firstTen && b[10] == 0xff && b[11] == 0xff { return category(v4: embeddedV4(at: 12)) }  // IPv4-mapped
        if prefix([0x00, 0x64, 0xff, 0x9b] + [UInt8](repeating: 0, count: 12), bits: 96) {  // NAT64 well-known prefix
            return category(v4: embeddedV4(at: 12))
        }
        if b[0] == 0x20 && b[1] == 0x02 { return category(v4: embeddedV4(at: 2)) }  // 6to4
        if b[0] == 0xff { return .multicast }
        if b[0] & 0xfe == 0xfc { return .privateNetwork }  // unique local fc00::/7
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return .linkLocal }  // fe80::/10
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return .privateNetwork }  // site-local fec0::/10 (deprecated)
        if prefix([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 12), bits: 32) { return .reserved }  // documentation
        if prefix([0x20, 0x01] + [UInt8](repeating: 0, count: 14), bits: 23) { return .reserved }  // IETF protocol assignments, Teredo
        if b[0] & 0xe0 != 0x20 { return .reserved }  // outside global unicast 2000::/3 (local NAT64, discard-only, …)
        return nil
    }
}
