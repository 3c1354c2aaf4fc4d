import MokminBase
import MokminCore

/// A feed response that cannot be read at all: not JSON (or CSV), an error answer from the API, or JSON without
/// the items where the format puts them. Problems with single items are ``FeedIssue``s instead.
///
/// The message names what was expected and, for syntax errors, the line and column; it never quotes a service key
/// (parsers only see the response body).
public struct FeedError: BilingualError, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        /// The body is empty, not JSON (a syntax error, or XML), or for a generic CSV feed not readable text.
        case notJSON
        /// The API answered with an error code instead of data.
        case apiError(resultCode: String, resultMessage: String)
        /// Valid JSON, but not in the shape of the feed's format.
        case unexpectedShape
    }

    public var code: Code
    public var message: LocalizedText

    public init(_ code: Code, ko: String, en: String) {
        self.code = code
        self.message = LocalizedText(ko: ko, en: en)
    }


    /// The same error as the domain error the command line and the web edge know (invalid input).
    public var mokminError: MokminError {
        MokminError(.invalidInput, ko: message.ko, en: message.en)
    }

    static func apiError(_ code: String, _ message: String) -> FeedError {
        FeedError(
            .apiError(resultCode: code, resultMessage: message),
            ko: "API가 오류를 돌려주었습니다: resultCode \(code) \(message)",
            en: "the API answered with an error: resultCode \(code) \(message)")
    }

    static func shape(ko: String, en: String) -> FeedError {
        FeedError(.unexpectedShape, ko: "응답의 형식이 예상과 다릅니다: \(ko)", en: "the response is not in the expected shape: \(en)")
    }
}
