import MokminBase
import MokminCore

/// Why a row or a value was rejected, in Korean and English (without the place, which ``RowIssue`` adds).
public struct RowIssueReason: BilingualError, Sendable, Hashable {
    public var message: LocalizedText

    public init(ko: String, en: String) {
        message = LocalizedText(ko: ko, en: en)
    }


    static func fieldCount(found: Int, expected: Int) -> RowIssueReason {
        RowIssueReason(
            ko: "필드가 \(found)개입니다. 머리글에 맞게 \(expected)개여야 합니다",
            en: "has \(found) fields, the header has \(expected)")
    }

    static let unterminatedQuote = RowIssueReason(
        ko: "이 줄에서 시작한 따옴표(\")가 파일 끝까지 닫히지 않았습니다",
        en: "a quote (\") opened in the record starting on this line is never closed before the end of the file")

    static func textAfterQuote(field: Int) -> RowIssueReason {
        RowIssueReason(
            ko: "\(field)번째 필드의 닫는 따옴표 뒤에 구분자가 아닌 글자가 있습니다",
            en: "field \(field) has text after its closing quote")
    }

    static func notAnObject(kind: String, kindKo: String) -> RowIssueReason {
        RowIssueReason(ko: "항목이 객체가 아니라 \(kindKo)입니다", en: "the item is a JSON \(kind), not an object")
    }

    static func beyondHeader(column: Int, width: Int) -> RowIssueReason {
        RowIssueReason(
            ko: "\(column)번째 열에 값이 있지만 머리글은 \(width)개 열뿐입니다",
            en: "has a value in column \(column), but the header has only \(width) columns")
    }

    static func recordTooLarge(limit: Int) -> RowIssueReason {
        let size = LimitText.bytes(limit)
        return RowIssueReason(ko: "레코드의 값이 모두 \(size.ko)를 넘습니다", en: "the record's values come to more than \(size.en)")
    }

    static func invalid(_ type: ColumnType, ko: String, en: String) -> RowIssueReason {
        RowIssueReason(ko: "\(type.koreanName) 값이 아닙니다: \(ko)", en: "not a valid \(type.rawValue): \(en)")
    }
}
