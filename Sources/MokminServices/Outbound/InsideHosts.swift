import Foundation
import MokminBase
import MokminCore

/// The hosts an administrator allows outbound requests to reach although they are inside (a county's internal API
/// server, a test server on loopback): host names and IP addresses, one entry each.
///
/// A URL is allowed inside when its host name is on the list, or when every inside address it resolves to is. Cloud
/// metadata names and addresses can never be listed.
public struct InsideHosts: Sendable, Hashable {
    /// The normalized entries (lower-case names without a trailing dot, canonical addresses), in the order given.
    public private(set) var entries: [String]

    /// At most this many entries, each at most 253 characters (the longest DNS name).
    public static let maxEntries = 100
    public static let maxEntryLength = 253

    public static let none = InsideHosts(checked: [])

    private init(checked entries: [String]) { self.entries = entries }

    /// Checks and normalizes entries; duplicates are kept once.
    public init(_ raw: [String]) throws {
        var seen = Set<String>(), entries: [String] = []
        for item in raw {
            let entry = try Self.normalize(item)
            if seen.insert(entry).inserted { entries.append(entry) }
        }
        guard entries.count <= Self.maxEntries else {
            throw MokminError(
                .invalidInput, ko: "내부 접속 허용 호스트는 \(Self.maxEntries)개까지입니다 (\(entries.count)개)",
                en: "At most \(Self.maxEntries) hosts may be allowed inside (\(entries.count) given)")
        }
        self.entries = entries
    }

    /// Reads a list typed by a person: entries separated by new lines, commas or spaces.
    public init(text: String) throws {
        try self.init(text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init))
    }

    /// The stored form: one entry per line.
    public var text: String { entries.joined(separator: "\n") }

    /// Whether the URL host `host` (as ``OutboundURL/host`` gives it) is listed.
    public func allows(host: String) -> Bool {
        let name = Self.key(host)
        return entries.contains(name)
    }

    /// Whether the address is listed.
    public func allows(address: IPAddress) -> Bool { entries.contains(address.description) }

    /// The form an entry and a URL host are compared in.
    static func key(_ host: String) -> String {
        if let address = IPAddress(host) { return address.description }
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    static func normalize(_ raw: String) throws -> String {
        let item = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !item.isEmpty, item.count <= maxEntryLength else {
            throw MokminError(
                .invalidInput, ko: "호스트 이름은 1~\(maxEntryLength)자입니다: \(item.prefix(40))",
                en: "A host name has 1–\(maxEntryLength) characters: \(item.prefix(40))")
        }
        let entry = key(item)
        if let address = IPAddress(item) {
            guard address.category != .metadata else { throw metadataError(item) }
            return address.description
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        let labels = entry.split(separator: ".", omittingEmptySubsequences: false)
        guard entry.allSatisfy({ allowed.contains($0) }), !labels.contains(where: { $0.isEmpty || $0.count > 63 || $0.hasPrefix("-") }) else {
            throw MokminError(
                .invalidInput,
                ko: "'\(item)'은(는) 호스트 이름이나 IP 주소가 아닙니다 (http://, 경로, 포트 없이 'api.county.local'이나 '10.0.0.5'처럼 적습니다)",
                en: "'\(item)' is not a host name or an IP address (write it like 'api.county.local' or '10.0.0.5', without http://, path or port)")
        }
        guard !OutboundPolicy.metadataHostNames.contains(entry) else { throw metadataError(item) }
        return entry
    }

    private static func metadataError(_ item: String) -> MokminError {
        MokminError(
            .invalidInput, ko: "'\(item)'은(는) 클라우드 메타데이터 주소라 허용할 수 없습니다",
            en: "'\(item)' is a cloud metadata address and can never be allowed")
    }
}
