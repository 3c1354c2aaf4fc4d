import Foundation

/// Which hosts an outbound request may reach: public addresses, and inside ones only when an administrator allowed
/// the host (``InsideHosts``). Cloud metadata is refused whatever the settings say.
public struct OutboundPolicy: Sendable {
    public var inside: InsideHosts
    public var resolver: HostResolver

    public init(inside: InsideHosts, resolver: HostResolver = .system) {
        self.inside = inside
        self.resolver = resolver
    }

    /// Names that reach an instance metadata service (GCP's, AWS's) without naming its address.
    public static let metadataHostNames: Set<String> = [
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
    ]

    /// Checks `url`'s host and returns the addresses it may connect to (the literal address, or every address the
    /// name resolved to; all of them passed). Throws the refusal naming the rule otherwise.
    public func check(_ url: OutboundURL) async throws -> [IPAddress] {
        let name = InsideHosts.key(url.host)
        if Self.metadataHostNames.contains(name) {
            throw OutboundError.refused(url.display, host: url.host, address: nil, category: .metadata)
        }
        let addresses: [IPAddress]
        if let literal = IPAddress(url.host) {
            addresses = [literal]
        } else {
            let answer = try? await resolver.resolve(url.host)
            try Task.checkCancellation()
            guard let answer, !answer.isEmpty else { throw OutboundError.unresolvable(url.display, host: url.host) }
            addresses = answer
        }
        let hostAllowed = inside.allows(host: url.host)
        for address in addresses {
            guard let category = address.category else { continue }
            if category == .metadata || !(hostAllowed || inside.allows(address: address)) {
                throw OutboundError.refused(url.display, host: url.host, address: address, category: category)
            }
        }
        return addresses
    }
}
