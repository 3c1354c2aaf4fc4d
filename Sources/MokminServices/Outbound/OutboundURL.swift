import Foundation
import MokminBase
import MokminCore

/// An http(s) URL about to be fetched: its parts as the HTTP client reads them, a form for messages that never
/// shows the query string (a service key may be in it), and a form for the audit log with secret values masked.
public struct OutboundURL: Sendable, Hashable {
    public let url: URL
    /// `http` or `https`.
    public let scheme: String
    /// The host as the client connects to it: decoded, without IPv6 brackets.
    public let host: String
    /// The port given in the URL, if any.
    public let explicitPort: Int?

    /// The longest URL a feed, a harvest or a webhook may store, in characters.
    public static let maxStoredLength = 2_000

    /// Checks a URL a person gives a feed, a harvest or a webhook to fetch or call: http(s), a host, at most
    /// ``maxStoredLength`` characters. Whether the host is allowed is decided at each fetch (addresses change).
    public static func checkStored(_ text: String) throws {
        guard text.count <= maxStoredLength else {
            throw MokminError(
                .invalidInput, ko: "URL은 \(maxStoredLength)자를 넘을 수 없습니다 (\(text.count)자)",
                en: "A URL must not exceed \(maxStoredLength) characters (got \(text.count))")
        }
        guard (try? OutboundURL(text)) != nil else {
            throw MokminError(
                .invalidInput, ko: "URL은 http:// 또는 https://로 시작하고 호스트가 있어야 합니다: \(text)",
                en: "The URL must start with http:// or https:// and name a host: \(text)")
        }
    }

    /// Parses `text` and appends `query` (fixed parameters, the service key) to its query string.
    public init(_ text: String, query: [(String, String)] = []) throws {
        guard var components = URLComponents(string: text) else { throw OutboundError.invalidURL(text) }
        if !query.isEmpty {
            components.queryItems = (components.queryItems ?? []) + query.map { URLQueryItem(name: $0.0, value: $0.1) }
        }
        guard let url = components.url else { throw OutboundError.invalidURL(text) }
        try self.init(url: url)
    }

    public init(url: URL) throws {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw OutboundError.scheme(Self.display(url)) }
        guard var host = url.host, !host.isEmpty else { throw OutboundError.invalidURL(Self.display(url)) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.url = url
        self.scheme = scheme
        self.host = host
        self.explicitPort = url.port
    }

    /// `scheme://host[:port]/path`: no user, no query, no fragment, and path segments that look like tokens
    /// (``maskedPath(_:)``) masked. What errors and logs show.
    public var display: String { Self.display(url) }

    static func display(_ url: URL) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return "(URL)" }
        var shown = URLComponents()
        shown.scheme = components.scheme
        shown.percentEncodedHost = components.percentEncodedHost
        shown.port = components.port
        shown.percentEncodedPath = maskedPath(components.percentEncodedPath)
        return shown.string ?? "(URL)"
    }

    /// The path with every segment that looks like a secret token (24 or more letters, digits, `-` or `_`, with at
    /// least one letter and one digit: the secret part of a chat service's webhook URL) replaced by `***`.
    static func maskedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            let tokenLike =
                segment.count >= 24 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                && segment.contains(where: \.isNumber) && segment.contains(where: \.isLetter)
            return tokenLike ? "***" : String(segment)
        }.joined(separator: "/")
    }

    /// The Host header a pinned request sends: the host as written in the URL, and its port when one was given.
    var hostHeader: String {
        let written = URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedHost ?? host
        return explicitPort.map { "\(written):\($0)" } ?? written
    }

    /// The same request addressed to `address` instead of the host name, so the connection goes where the policy
    /// looked (see ``OutboundHTTP``).
    func pinned(to address: IPAddress) -> String? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return nil }
        components.percentEncodedHost = address.urlHost
        return components.url?.absoluteString
    }

    /// The URL resolved from a redirect's `Location`, relative to this one.
    func following(_ location: String) throws -> OutboundURL {
        guard let next = URL(string: location, relativeTo: url)?.absoluteURL else { throw OutboundError.invalidURL("(Location)") }
        return try OutboundURL(url: next)
    }

    /// Query parameter names whose values are secrets: masked in the audit log whatever their case.
    public static let secretParameterNames: Set<String> = [
        "servicekey", "key", "apikey", "api_key", "api-key", "authkey", "auth_key", "token", "access_token", "accesstoken", "secret",
        "client_secret", "password", "passwd", "pwd", "sig", "signature", "crtfc_key", "cert_key",
    ]

    /// The URL for the audit log: the user's password, token-like path segments and the values of secret query
    /// parameters (those named in ``secretParameterNames`` and `extraSecrets`, such as a feed's key parameter)
    /// replaced by `***`.
    public static func redacted(_ text: String, extraSecrets: [String] = []) -> String {
        guard var components = URLComponents(string: text) else { return "(URL)" }
        if components.password != nil { components.password = "***" }
        components.percentEncodedPath = maskedPath(components.percentEncodedPath)
        let secrets = secretParameterNames.union(extraSecrets.map { $0.lowercased() })
        if let items = components.queryItems {
            components.queryItems = items.map { item in
                secrets.contains(item.name.lowercased()) ? URLQueryItem(name: item.name, value: "***") : item
            }
        }
        return components.string ?? "(URL)"
    }
}
