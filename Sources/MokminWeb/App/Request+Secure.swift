import HTTPTypes
import Hummingbird

extension Request {
    /// True when the client reached us over TLS: Mokmin itself speaks plain HTTP, so this is what the TLS-terminating
    /// proxy in front says (`X-Forwarded-Proto: https`). Cookies are then marked `Secure`.
    var isSecure: Bool {
        headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" || uri.scheme == .https
    }
}
