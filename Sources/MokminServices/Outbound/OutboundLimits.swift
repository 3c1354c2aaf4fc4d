/// How much an outbound request may read and for how long, redirects included.
public struct OutboundLimits: Sendable, Hashable {
    /// The largest answer body read; past it reading stops and the request fails.
    public var maxBytes: Int
    /// The time for the whole request: every redirect hop, the headers and the body.
    public var timeout: Duration
    /// Redirects followed at most (each hop is checked by the policy again).
    public var maxRedirects: Int

    public init(maxBytes: Int, timeout: Duration, maxRedirects: Int = 5) {
        self.maxBytes = max(0, maxBytes)
        self.timeout = max(.zero, timeout)
        self.maxRedirects = min(max(0, maxRedirects), 20)
    }

    /// A feed's answer: one page of a public API (the largest recorded ones are under 1 MiB).
    public static let feed = OutboundLimits(maxBytes: 8 << 20, timeout: .seconds(20))
    /// A harvest's download, written to a file as it arrives.
    public static let harvest = OutboundLimits(maxBytes: 256 << 20, timeout: .seconds(120))
    /// The answer to a webhook delivery, which only its status matters for.
    public static let webhook = OutboundLimits(maxBytes: 64 << 10, timeout: .seconds(10))

    /// The same limits with the timeout given in seconds (the services' `timeout` settings).
    public func timeout(seconds: Double) -> OutboundLimits {
        var copy = self
        copy.timeout = .milliseconds(Int64((min(max(seconds, 0), 3600) * 1000).rounded()))
        return copy
    }
}
