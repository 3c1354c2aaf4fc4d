/// An error a person can act on: what went wrong and where, in Korean and English.
///
/// The `kind` decides how the web edge answers (400, 404, 409, 401, 403, 429, 502, 503); the command line prints
/// `message.description` and exits with status 2 for `invalidInput`, 1 otherwise.
public struct MokminError: BilingualError, Sendable {
    public enum Kind: String, Sendable {
        case invalidInput
        case notFound
        case conflict
        case unauthorized
        case forbidden
        case rateLimited
        /// A source Mokmin fetched from on the request's behalf failed or was refused (a harvest run): 502.
        case upstream
        /// Something the server needs for this request is not installed or not running here (Chromium for PDFs): 503.
        case unavailable
    }

    public var kind: Kind
    public var message: LocalizedText

    public init(_ kind: Kind, ko: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(ko: ko, en: en)
    }

    public init(_ kind: Kind, _ message: LocalizedText) {
        self.kind = kind
        self.message = message
    }
}
