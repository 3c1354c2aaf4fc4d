import MokminBase

/// Something in a file or a feed answer that was not taken, with where it is and why: the one issue type of the
/// readers (``RowIssue``: a file's line and column) and of the feeds (``FeedIssue``: an answer's item and field).
///
/// Stored and served as JSON with the place under its own names (`line`/`column` or `index`/`field`) and the reason
/// as two flat strings, `reasonKo` and `reasonEn`: the shape import reports and feed runs have always been kept in.
public struct DataIssue<Place: IssuePlace>: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The line (1-based) or the item (0-based) the issue is about.
    public var position: Int
    /// The column or field concerned, when the issue is about one value.
    public var column: String?
    /// The offending value as read, when there is one.
    public var value: String?
    /// Why, in Korean and English.
    public var reason: LocalizedText

    public init(position: Int, column: String? = nil, value: String? = nil, reason: LocalizedText) {
        self.position = position
        self.column = column
        self.value = value
        self.reason = reason
    }

    /// One line with the place, Korean first: "12번째 줄, 열 '인구': … / line 12, column '인구': …".
    public var description: String {
        let place = Place.describe(position: position, column: column)
        return "\(place.ko): \(reason.ko) / \(place.en): \(reason.en)"
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static var value: Key { Key("value") }
        static var reasonKo: Key { Key("reasonKo") }
        static var reasonEn: Key { Key("reasonEn") }
        static var position: Key { Key(Place.positionKey) }
        static var column: Key { Key(Place.columnKey) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        position = try container.decode(Int.self, forKey: .position)
        column = try container.decodeIfPresent(String.self, forKey: .column)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        reason = LocalizedText(ko: try container.decode(String.self, forKey: .reasonKo), en: try container.decode(String.self, forKey: .reasonEn))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(position, forKey: .position)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encode(reason.ko, forKey: .reasonKo)
        try container.encode(reason.en, forKey: .reasonEn)
    }
}

/// How a ``DataIssue`` names its place, in JSON and for people.
public protocol IssuePlace: Sendable, Hashable {
    /// The JSON names of the position and of the column.
    static var positionKey: String { get }
    static var columnKey: String { get }
    /// "12번째 줄, 열 '인구'" / "line 12, column '인구'".
    static func describe(position: Int, column: String?) -> LocalizedText
}

/// A file's line (CSV), array element (JSON) or sheet row (XLSX), 1-based, and a column.
public enum FileLine: IssuePlace {
    public static let positionKey = "line", columnKey = "column"

    public static func describe(position: Int, column: String?) -> LocalizedText {
        LocalizedText(
            ko: "\(position)번째 줄" + (column.map { ", 열 '\($0)'" } ?? ""), en: "line \(position)" + (column.map { ", column '\($0)'" } ?? ""))
    }
}

/// An item of a feed answer's item list, 0-based (shown 1-based), and a field.
public enum FeedAnswerItem: IssuePlace {
    public static let positionKey = "index", columnKey = "field"

    public static func describe(position: Int, column: String?) -> LocalizedText {
        LocalizedText(
            ko: "\(position + 1)번째 항목" + (column.map { ", 필드 '\($0)'" } ?? ""),
            en: "item \(position + 1)" + (column.map { ", field '\($0)'" } ?? ""))
    }
}

/// A row that was not taken, or a value that could not be read, with its line and why.
///
/// Readers report rows they skip (a CSV record with the wrong number of fields, an unterminated quote at the end of
/// the file, a JSON array element that is not an object); the importer adds issues for values that do not parse as
/// their column's type.
public typealias RowIssue = DataIssue<FileLine>

/// An item of a feed answer that was skipped, or a value in it that could not be read.
public typealias FeedIssue = DataIssue<FeedAnswerItem>

extension DataIssue where Place == FileLine {
    /// The 1-based line (CSV), array element (JSON) or sheet row (XLSX) of the row; see ``RawRow/line``.
    public var line: Int {
        get { position }
        set { position = newValue }
    }

    public init(line: Int, column: String? = nil, value: String? = nil, reason: LocalizedText) {
        self.init(position: line, column: column, value: value, reason: reason)
    }

    public init(line: Int, column: String? = nil, value: String? = nil, reason: RowIssueReason) {
        self.init(position: line, column: column, value: value, reason: reason.message)
    }
}

extension DataIssue where Place == FeedAnswerItem {
    /// The item's 0-based position in the answer's item list.
    public var index: Int {
        get { position }
        set { position = newValue }
    }

    /// The field concerned, when the issue is about one field.
    public var field: String? {
        get { column }
        set { column = newValue }
    }

    public init(index: Int, field: String? = nil, value: String? = nil, ko: String, en: String) {
        self.init(position: index, column: field, value: value, reason: LocalizedText(ko: ko, en: en))
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
}
