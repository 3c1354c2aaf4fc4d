/// An error a person can act on: what went wrong and where, in Korean and English.
///
/// The `kind` decides how the web edge answers (400, 404, 409, 401, 403, 429); the command line prints
/// `message.description` and exits with status 2 for `invalidInput`, 1 otherwise.
public struct MokminError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalidInput
        case notFound
        case conflict
        case unauthorized
        case forbidden
        case rateLimited
    }

    public var kind: Kind
    public var message: LocalizedText

    public init(_ kind: Kind, ko: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(ko: ko, en: en)
    }

    public var description: String { message.description }
}
