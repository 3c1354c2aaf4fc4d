import MokminCore

/// An item of a feed response that was skipped, or a value in it that could not be read.
public struct FeedIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The item's 0-based position in the response's item list.
    public var index: Int
    /// The field concerned, when the issue is about one field.
    public var field: String?
    /// The offending value as published, when there is one.
    public var value: String?
    /// Why, in Korean and English.
    public var reason: LocalizedText

    public init(index: Int, field: String? = nil, value: String? = nil, ko: String, en: String) {
        self.index = index
        self.field = field
        self.value = value
        self.reason = LocalizedText(ko: ko, en: en)
    }

    /// An issue for a field that the item lacks.
    static func missing(_ field: String, at index: Int) -> FeedIssue {
        FeedIssue(index: index, field: field, ko: "'\(field)' 필드가 없습니다", en: "the field '\(field)' is missing")
    }

    /// An issue for a field whose value is not what it should be.
    static func invalid(_ field: String, _ value: String, at index: Int, expectedKo: String, expectedEn: String) -> FeedIssue {
        FeedIssue(
            index: index, field: field, value: value, ko: "'\(field)' 값 '\(value)'은(는) \(expectedKo)이(가) 아닙니다",
            en: "the value '\(value)' of '\(field)' is not \(expectedEn)")
    }

    /// One line, Korean first: "3번째 항목, 필드 'pm10Value': … / item 3, field 'pm10Value': …" (1-based for people).
    public var description: String {
        let fieldKo = field.map { ", 필드 '\($0)'" } ?? "", fieldEn = field.map { ", field '\($0)'" } ?? ""
        return "\(index + 1)번째 항목\(fieldKo): \(reason.ko) / item \(index + 1)\(fieldEn): \(reason.en)"
    }

    private enum CodingKeys: String, FlatReasonKeys {
        case index, field, value, reasonKo, reasonEn
    }

    // Coded by hand (reason as two strings), as RowIssue is, since LocalizedText is not Codable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decode(Int.self, forKey: .index)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        reason = try container.decodeReason()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeReason(reason)
    }
}
