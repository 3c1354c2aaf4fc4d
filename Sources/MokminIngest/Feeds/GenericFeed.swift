import MokminCore
import Foundation
import MokminGeo

/// Any JSON or CSV endpoint whose fields an analyst maps with a ``GenericFeedMapping``.
///
/// JSON bodies: the items at ``GenericFeedMapping/itemsPath``, or found as described there; a `resultCode` in a
/// `header` (or `response.header`) other than success is a ``FeedError``. CSV/TSV bodies: the first record is the
/// header; UTF-8 (with or without a byte order mark) or CP949; quoting as in ``CSVScanner``.
///
/// Per item: the series, source and time fields are required (an item lacking one, or with a time not in the
/// format, is an issue and skipped). Each value field gives a reading; a value field the item does not have is an
/// issue naming the field (the other values are kept), and `-` or empty is a missing value. Coordinates or a region
/// that are absent or out of range are issues; the readings are kept without them.
public enum GenericFeed: Sendable {
    /// Reads a response body with a mapping (which should have passed ``GenericFeedMapping/validate()``; a time
    /// format it does not understand is read as `auto`).
    public static func parse(_ data: Data, mapping: GenericFeedMapping) throws(FeedError) -> FeedParseResult<FeedReading> {
        let format = mapping.format ?? detectFormat(data)
        let items: [BodyItem]
        if format == .json {
            items = try jsonItems(data, path: mapping.itemsPath).map { .item($0) }
        } else {
            items = try DelimitedBody.records(data, delimiter: format == .tsv ? 0x09 : 0x2C)
        }
        var result = FeedParseResult<FeedReading>()
        let time = GenericTimeFormat(mapping.timeFormat) ?? .auto
        for (index, entry) in items.enumerated() {
            let json: OrderedJSON
            switch entry {
            case .item(let value): json = value
            case .bad(let issue):
                result.issues.append(issue)
                continue
            }
            guard let item = FeedItem.object(json, at: index, issues: &result.issues) else { continue }
            result.items += readings(item, mapping: mapping, time: time, issues: &result.issues)
        }
        return result
    }

    private static func readings(_ item: FeedItem, mapping: GenericFeedMapping, time format: GenericTimeFormat, issues: inout [FeedIssue])
        -> [FeedReading]
    {
        var problems: [FeedIssue] = []
        let series = item.required(mapping.seriesField, issues: &problems)
        let source = mapping.sourceField == mapping.seriesField ? series : item.required(mapping.sourceField, issues: &problems)
        let rawTime = item.required(mapping.timeField, issues: &problems)
        let time = rawTime.flatMap(format.localISO)
        if let rawTime, time == nil {
            problems.append(.invalid(mapping.timeField, rawTime, at: item.index, expectedKo: "지정한 형식의 시각", expectedEn: "a time in the mapped format"))
        }
        issues += problems
        guard let series, let source, let time else { return [] }
        let location = location(item, mapping: mapping, issues: &issues)
        var region: String?
        if let field = mapping.regionField {
            region = item.required(field, issues: &issues)
        }
        var readings: [FeedReading] = []
        for field in mapping.valueFields {
            guard item.has(field) else {
                issues.append(.missing(field, at: item.index))
                continue
            }
            readings.append(
                FeedReading(
                    series: "\(mapping.seriesPrefix)/\(series)/\(field)", source: source, metric: field, value: item.number(field, issues: &issues),
                    time: time, location: location, region: region))
        }
        return readings
    }

    private static func location(_ item: FeedItem, mapping: GenericFeedMapping, issues: inout [FeedIssue]) -> GeoPoint? {
        guard let lonField = mapping.longitudeField, let latField = mapping.latitudeField else { return nil }
        var problems: [FeedIssue] = []
        let lon = item.required(lonField, issues: &problems).flatMap { _ in item.number(lonField, issues: &problems) }
        let lat = item.required(latField, issues: &problems).flatMap { _ in item.number(latField, issues: &problems) }
        issues += problems
        guard let lon, let lat else { return nil }
        let point = GeoPoint(lon: lon, lat: lat)
        guard point.isValid else {
            issues.append(
                .invalid(
                    lonField, "\(lon),\(lat)", at: item.index, expectedKo: "경도 ±180, 위도 ±90 안의 좌표", expectedEn: "a position within lon ±180, lat ±90")
            )
            return nil
        }
        return point
    }

    private static func detectFormat(_ data: Data) -> GenericFeedMapping.Format {
        let first = data.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .csv
    }

    private static func jsonItems(_ data: Data, path: String?) throws(FeedError) -> [OrderedJSON] {
        let root = try FeedJSON.parse(data)
        _ = try FeedJSON.checkHeader((root["response"] ?? root)["header"])
        if let path, !path.isEmpty {
            var node = root
            for segment in path.split(separator: ".").map(String.init) {
                if case .array(let list) = node, let position = Int(segment), list.indices.contains(position) {
                    node = list[position]
                } else if let member = node[segment] {
                    node = member
                } else {
                    throw .shape(ko: "경로 '\(path)'에서 '\(segment)'을(를) 찾을 수 없습니다", en: "'\(segment)' of the path '\(path)' is not there")
                }
            }
            guard let list = FeedJSON.itemList(node) else {
                throw .shape(ko: "경로 '\(path)'의 값이 항목 목록이 아닙니다", en: "the value at '\(path)' is not a list of items")
            }
            return list
        }
        if let list = try FeedJSON.envelopeItems(root) { return list }
        for key in ["data", "records", "items", "rows"] {
            if case .array(let list)? = root[key] { return list }
        }
        if case .object(let members) = root, members.count == 1, case .array(let list)? = members[0].value["row"] { return list }
        throw .shape(ko: "항목 목록을 찾을 수 없습니다. itemsPath를 지정하세요", en: "no list of items found; set itemsPath")
    }
}
