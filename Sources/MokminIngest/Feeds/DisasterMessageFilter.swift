import MokminCore
/// Decides whether a disaster message concerns the served city.
///
/// Region names are compared word by word (split on spaces, a trailing `전체` dropped): a message region matches a
/// served region when either one's words begin the other's. So for the served `세종특별자치시`, the message regions
/// `세종특별자치시 전체`, `세종특별자치시` and `세종특별자치시 조치원읍` match; for the served `충청남도 천안시`,
/// `충청남도 전체` (the whole province) and `충청남도 천안시 동남구` match but `충청남도 공주시` does not. `전국`
/// (nationwide) matches every city. A message matches when any of its regions does.
public struct DisasterMessageFilter: Sendable, Hashable {
    private let served: [[String]]

    /// A filter for the given served region names (e.g. `["세종특별자치시"]`; give every spelling the portal uses).
    public static func forRegions(_ names: [String]) -> DisasterMessageFilter {
        DisasterMessageFilter(served: names.map(words).filter { !$0.isEmpty })
    }

    /// Whether the message is for one of the served regions.
    public func matches(_ message: DisasterMessage) -> Bool {
        message.regions.contains(where: matches)
    }

    /// Whether one message region (`세종특별자치시 조치원읍`) concerns one of the served regions.
    public func matches(_ region: String) -> Bool {
        let target = Self.words(region)
        if target == ["전국"] { return !served.isEmpty }
        guard !target.isEmpty else { return false }
        return served.contains { $0.starts(with: target) || target.starts(with: $0) }
    }

    /// The messages that concern the served regions, in their order.
    public func filter(_ messages: [DisasterMessage]) -> [DisasterMessage] {
        messages.filter(matches)
    }

    private static func words(_ name: String) -> [String] {
        var words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.last == "전체" { words.removeLast() }
        return words
    }
}
