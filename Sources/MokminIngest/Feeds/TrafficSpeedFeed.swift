import MokminCore
import Foundation
import MokminGeo

/// Traffic speed per road link from the national ITS open API (국가교통정보센터 `trafficInfo`, `getType=json`), and
/// a city's own detectors published in the same shape.
///
/// Accepted shapes: `{"header": {"resultCode", "resultMsg"}, "body": {"items": [...]}}` (the ITS answer, `resultCode`
/// 0 for success), the same inside `response`, `items` as `{"item": …}`, or a bare array of items.
///
/// Each item gives two readings: `traffic/<linkId>/speed` (km/h) and `traffic/<linkId>/travelTime` (seconds), at
/// `createdDate` (`YYYYMMDDHHMMSS`, or any form ``ValueParser/dateTime(_:)`` reads). The source is the link id; the
/// road name is not part of the reading (a link dataset names the roads). An item lacking `linkId` or
/// `createdDate`, or repeating a link and time, is an issue and skipped; a value that is not a number or is
/// negative is an issue and read as missing.
public enum TrafficSpeedFeed: Sendable {
    /// Reads a response body. `linkLocations` (link id → a representative point, e.g. the middle of the link's
    /// geometry) sets each reading's ``FeedReading/location``.
    public static func parse(_ data: Data, linkLocations: [String: GeoPoint] = [:]) throws(FeedError) -> FeedParseResult<FeedReading> {
        let root = try FeedJSON.parse(data)
        guard let list = try FeedJSON.envelopeItems(root) else {
            throw .shape(ko: "body.items가 없습니다", en: "there is no body.items")
        }
        var result = FeedParseResult<FeedReading>()
        var seen: [String: Int] = [:]
        for (index, json) in list.enumerated() {
            guard let item = FeedItem.object(json, at: index, issues: &result.issues) else { continue }
            guard let link = item.required("linkId", issues: &result.issues), let time = item.dateTime("createdDate", issues: &result.issues) else {
                continue
            }
            if let first = seen[link + "\u{0}" + time] {
                result.issues.append(
                    FeedIssue(
                        index: index, field: "linkId", value: link, ko: "\(first + 1)번째 항목과 링크·시각(\(time))이 같아 건너뜁니다",
                        en: "same link and time (\(time)) as item \(first + 1); skipped"))
                continue
            }
            seen[link + "\u{0}" + time] = index
            for metric in ["speed", "travelTime"] {
                var value = item.number(metric, issues: &result.issues)
                if let number = value, number < 0 {
                    result.issues.append(.invalid(metric, item.text(metric) ?? "", at: index, expectedKo: "0 이상의 숫자", expectedEn: "a number ≥ 0"))
                    value = nil
                }
                result.items.append(
                    FeedReading(
                        series: "traffic/\(link)/\(metric)", source: link, metric: metric, value: value, time: time, location: linkLocations[link]))
            }
        }
        return result
    }
}
