import MokminBase
import MokminCore

/// How an analyst maps the fields of any JSON or CSV endpoint onto readings (see ``GenericFeed``).
///
/// Each item (JSON object or CSV row) gives one reading per value field, with the series id
/// `<seriesPrefix>/<value of seriesField>/<value field>`.
public struct GenericFeedMapping: Sendable, Hashable, Codable {
    /// The body's format.
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case json, csv, tsv
    }

    /// The body's format; nil detects it (a body starting with `{` or `[` is JSON, anything else CSV).
    public var format: Format?
    /// Where the items are in a JSON body, as names and array positions joined by dots (`data.rows`,
    /// `DisasterMsg.1.row`); nil finds them (a bare array, `response.body.items`, `body` as an array, a `data`,
    /// `records`, `items` or `rows` array, or the Seoul Open API's `{"Service": {"row": [...]}}`).
    public var itemsPath: String?
    /// The first part of every series id (the feed's name, for instance).
    public var seriesPrefix: String
    /// The field whose value identifies the series (a sensor or station id).
    public var seriesField: String
    /// The field naming the source for people (a station name); often the same as ``seriesField``.
    public var sourceField: String
    /// The fields holding values, each a reading's metric.
    public var valueFields: [String]
    /// The field holding the data time.
    public var timeField: String
    /// How the time is written: nil or `auto` (the forms ``ValueParser/dateTime(_:)`` reads, a plain date, or ISO
    /// 8601 with `Z` or an offset), `unix` or `unixMillis` (seconds or milliseconds since 1970), or a pattern of
    /// `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` and literal characters (`yyyy.MM.dd HH:mm`). Times become Korean local time.
    public var timeFormat: String?
    /// The fields with WGS84 longitude and latitude in degrees (both or neither).
    public var longitudeField: String?
    public var latitudeField: String?
    /// The field naming the region a reading is for.
    public var regionField: String?

    public init(
        format: Format? = nil, itemsPath: String? = nil, seriesPrefix: String = "feed", seriesField: String, sourceField: String? = nil,
        valueFields: [String], timeField: String, timeFormat: String? = nil, longitudeField: String? = nil, latitudeField: String? = nil,
        regionField: String? = nil
    ) {
        self.format = format
        self.itemsPath = itemsPath
        self.seriesPrefix = seriesPrefix
        self.seriesField = seriesField
        self.sourceField = sourceField ?? seriesField
        self.valueFields = valueFields
        self.timeField = timeField
        self.timeFormat = timeFormat
        self.longitudeField = longitudeField
        self.latitudeField = latitudeField
        self.regionField = regionField
    }

    /// Checks the mapping itself, before any response is read: names not empty, at least one value field, the
    /// coordinates both or neither, and a time format that is understood.
    public func validate() throws(MokminError) {
        for (name, value) in [("seriesPrefix", seriesPrefix), ("seriesField", seriesField), ("sourceField", sourceField), ("timeField", timeField)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw MokminError(.invalidInput, ko: "\(name)이(가) 비어 있습니다", en: "\(name) is empty")
        }
        guard !valueFields.isEmpty, !valueFields.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw MokminError(
                .invalidInput, ko: "값 필드(valueFields)가 하나 이상 필요하고 이름이 비어 있으면 안 됩니다", en: "valueFields needs at least one non-empty name")
        }
        guard (longitudeField == nil) == (latitudeField == nil) else {
            throw MokminError(.invalidInput, ko: "경도와 위도 필드는 함께 지정해야 합니다", en: "give both longitudeField and latitudeField, or neither")
        }
        guard GenericTimeFormat(timeFormat) != nil else {
            throw MokminError(
                .invalidInput, ko: "시각 형식 '\(timeFormat ?? "")'을(를) 알 수 없습니다 (auto, unix, unixMillis 또는 yyyy MM dd HH mm ss 패턴)",
                en: "unknown time format '\(timeFormat ?? "")' (auto, unix, unixMillis or a yyyy MM dd HH mm ss pattern)")
        }
    }
}
