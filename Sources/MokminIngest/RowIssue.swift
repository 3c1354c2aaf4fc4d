import MokminCore

/// A row that was not taken, or a value that could not be read, with where it is and why.
///
/// Readers report rows they skip (a CSV record with the wrong number of fields, an unterminated quote at the end of
/// the file, a JSON array element that is not an object); the importer adds issues for values that do not parse as
/// their column's type.
public struct RowIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 1-based line (CSV), array element (JSON) or sheet row (XLSX) of the row; see ``RawRow/line``.
    public var line: Int
    /// The column's name, when the issue concerns one value.
    public var column: String?
    /// The offending value as read, when there is one.
    public var value: String?
    /// Why, in Korean and English.
    public var reason: LocalizedText

    public init(line: Int, column: String? = nil, value: String? = nil, reason: LocalizedText) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    public init(line: Int, column: String? = nil, value: String? = nil, reason: RowIssueReason) {
        self.init(line: line, column: column, value: value, reason: reason.message)
    }

    /// One line with the place, Korean first: "12번째 줄, 열 '인구': … / line 12, column '인구': …".
    public var description: String {
        let columnKo = column.map { ", 열 '\($0)'" } ?? "", columnEn = column.map { ", column '\($0)'" } ?? ""
        return "\(line)번째 줄\(columnKo): \(reason.ko) / line \(line)\(columnEn): \(reason.en)"
    }

    private enum CodingKeys: String, FlatReasonKeys {
        case line, column, value, reasonKo, reasonEn
    }

    // Coded by hand (reason as two strings) so that MokminCore's LocalizedText needs no Codable conformance.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        column = try container.decodeIfPresent(String.self, forKey: .column)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        reason = try container.decodeReason()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeReason(reason)
    }
}

/// Why a row or a value was rejected, in Korean and English (without the place, which ``RowIssue`` adds).
public struct RowIssueReason: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: LocalizedText

    public init(ko: String, en: String) {
        message = LocalizedText(ko: ko, en: en)
    }

    public var description: String { message.description }

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
