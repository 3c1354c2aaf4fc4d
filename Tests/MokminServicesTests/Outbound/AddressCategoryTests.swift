import MokminServices
import Testing

/// Which addresses are inside: every range the policy refuses, the IPv6 forms that carry an IPv4 address, and
/// public neighbours of each boundary that must stay reachable.
@Suite struct AddressCategoryTests {
    static let cases: [(String, AddressCategory?)] = [
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback), ("0.0.0.0", .unspecified), ("0.1.2.3", .reserved),
        ("10.0.0.1", .privateNetwork), ("10.255.255.255", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("172.32.0.1", nil), ("172.15.255.255", nil), ("192.168.0.1", .privateNetwork), ("192.169.0.1", nil),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace), ("100.128.0.1", nil), ("100.63.255.255", nil),
        ("169.254.1.1", .linkLocal), ("169.254.169.254", .metadata), ("169.254.170.2", .metadata), ("100.100.100.200", .metadata),
        ("192.0.0.192", .metadata), ("224.0.0.1", .multicast), ("239.255.255.250", .multicast), ("240.0.0.1", .reserved),
        ("255.255.255.255", .reserved), ("192.0.2.10", .reserved), ("198.51.100.7", .reserved), ("203.0.113.9", .reserved),
        ("198.18.0.1", .reserved), ("8.8.8.8", nil), ("1.1.1.1", nil), ("211.234.1.1", nil),
        ("::1", .loopback), ("::", .unspecified), ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .metadata), ("::ffff:8.8.8.8", nil), ("::127.0.0.1", .loopback), ("::8.8.8.8", .reserved),
        ("64:ff9b::a00:1", .privateNetwork), ("64:ff9b::808:808", nil), ("2002:a00:1::1", .privateNetwork), ("2002:808:808::1", nil),
        ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork), ("fd00:ec2::254", .metadata), ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal), ("fec0::1", .privateNetwork), ("ff02::1", .multicast), ("2001:db8::1", .reserved), ("2001::1", .reserved),
        ("100::1", .reserved), ("4000::1", .reserved), ("2606:4700:4700::1111", nil), ("2001:4860:4860::8888", nil),
    ]

    @Test(arguments: cases) func eachAddressIsJudgedByItsRange(_ text: String, _ expected: AddressCategory?) throws {
        let address = try #require(IPAddress(text), "\(text) parses")
        #expect(address.category == expected, "\(text)")
    }

    @Test func onlyStrictLiteralsParseAndTheirTextIsCanonical() throws {
        // Legacy IPv4 forms are host names: the resolver's answer (127.0.0.1) is what gets checked.
        for legacy in ["127.1", "2130706433", "0x7f.0.0.1", "017700000001", "localhost", "1.2.3.4.5", ""] {
            #expect(IPAddress(legacy) == nil, "\(legacy)")
        }
        #expect(IPAddress("[::FFFF:7F00:1]")?.description == "::ffff:127.0.0.1")
        #expect(IPAddress("fe80::1%eth0")?.category == .linkLocal)
        #expect(IPAddress("::1")?.urlHost == "[::1]")
        #expect(IPAddress("10.0.0.1")?.urlHost == "10.0.0.1")
    }
}
