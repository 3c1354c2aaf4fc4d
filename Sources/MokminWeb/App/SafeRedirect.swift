import Foundation

/// Where a `next=` parameter may send a person after signing in or acting: a path on this site, nothing else.
enum SafeRedirect {
    /// `raw` when it is a plain path on this site, else `fallback`.
    ///
    /// Browsers forgive a lot in a `Location`: they drop tabs and line breaks (`/\t/evil.com` becomes `//evil.com`),
    /// read `\` as `/` (`/\evil.com`), and take `//host` as another site. So the path must start with one `/`
    /// followed by neither `/` nor `\`, hold no control characters, spaces or backslashes anywhere, and parse as a
    /// URL without a scheme or host.
    static func path(_ raw: String?, fallback: String = "/") -> String {
        guard let raw, raw.count <= 2_000, raw.hasPrefix("/") else { return fallback }
        let second = raw.dropFirst().first
        guard second != "/", second != "\\" else { return fallback }
        for scalar in raw.unicodeScalars where scalar.value < 0x21 || scalar.value == 0x7F || scalar == "\\" || scalar.properties.isWhitespace {
            return fallback
        }
        guard let components = URLComponents(string: raw), components.scheme == nil, components.host == nil else { return fallback }
        return raw
    }
}
