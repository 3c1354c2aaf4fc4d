import MokminCore
import Foundation
import MokminGeo

/// AirKorea's real-time measurements by province (한국환경공단 에어코리아 대기오염정보,
/// `getCtprvnRltmMesureDnsty`, `returnType=json`, `ver=1.3` or later for the 1-hour grades).
///
/// Accepted shapes: `{"response": {"header": {"resultCode", "resultMsg"}, "body": {"items": …}}}` where `items` is an
/// array, `{"item": [...]}` or `{"item": {...}}`; the same without `response`; or a bare array of items. A
/// `resultCode` other than `00` is a ``FeedError`` with the API's `resultMsg`; `03` (no data) is an empty result.
///
/// Each item (a station at an hour) gives seven readings, `air/<stationName>/<metric>` for `pm10`, `pm25`, `o3`,
/// `no2`, `co`, `so2` and `khai`. Values arrive as strings (numbers are accepted too); `-` or empty is a missing value;
/// a non-empty `*Flag` (`통신장애`, `점검및교정`, …) withdraws the value (nil, `flagged`). The grade is the 1-hour
/// grade (`pm10Grade1h`, `pm25Grade1h`) where the item has one, else the 24-hour grade (`pm10Grade`, …). `dataTime`
/// `2026-07-28 24:00` is `2026-07-29T00:00:00`.
///
/// Issues (the rest of the batch is kept): an item that is not an object, lacks `stationName` or has no readable
/// `dataTime` is skipped; a repeated station and time is skipped; a value or grade that is not a number is reported
/// and read as missing.
public enum AirKoreaRealtimeFeed: Sendable {
    /// One pollutant's fields in an item.
    struct Pollutant: Sendable {
        var metric: String
        var valueField: String
        var gradeFields: [String]
        var flagField: String?
    }

    static let pollutants: [Pollutant] = [
        Pollutant(metric: "pm10", valueField: "pm10Value", gradeFields: ["pm10Grade1h", "pm10Grade"], flagField: "pm10Flag"),
        Pollutant(metric: "pm25", valueField: "pm25Value", gradeFields: ["pm25Grade1h", "pm25Grade"], flagField: "pm25Flag"),
        Pollutant(metric: "o3", valueField: "o3Value", gradeFields: ["o3Grade"], flagField: "o3Flag"),
        Pollutant(metric: "no2", valueField: "no2Value", gradeFields: ["no2Grade"], flagField: "no2Flag"),
        Pollutant(metric: "co", valueField: "coValue", gradeFields: ["coGrade"], flagField: "coFlag"),
        Pollutant(metric: "so2", valueField: "so2Value", gradeFields: ["so2Grade"], flagField: "so2Flag"),
        Pollutant(metric: "khai", valueField: "khaiValue", gradeFields: ["khaiGrade"], flagField: nil),
    ]

    /// The metrics each station reports, in the order readings are produced.
    public static var metrics: [String] { pollutants.map(\.metric) }

    /// Reads a response body. `stationLocations` (station name → position, from the station list dataset) sets
    /// each reading's ``FeedReading/location``.
    public static func parse(_ data: Data, stationLocations: [String: GeoPoint] = [:]) throws(FeedError) -> FeedParseResult<FeedReading> {
        let root = try FeedJSON.parse(data)
        guard let list = try FeedJSON.envelopeItems(root) else {
            throw .shape(ko: "response.body.items가 없습니다", en: "there is no response.body.items")
        }
        var result = FeedParseResult<FeedReading>()
        var seen: [String: Int] = [:]
        for (index, json) in list.enumerated() {
            guard let item = FeedItem.object(json, at: index, issues: &result.issues) else { continue }
            guard let station = item.required("stationName", issues: &result.issues),
                let time = item.dateTime("dataTime", issues: &result.issues)
            else { continue }
            if let first = seen[station + "\u{0}" + time] {
                result.issues.append(duplicate(index: index, of: first, station: station, time: time))
                continue
            }
            seen[station + "\u{0}" + time] = index
            for pollutant in pollutants {
                result.items.append(
                    reading(pollutant, of: item, station: station, time: time, location: stationLocations[station], issues: &result.issues))
            }
        }
        return result
    }

    private static func reading(
        _ pollutant: Pollutant, of item: FeedItem, station: String, time: String, location: GeoPoint?, issues: inout [FeedIssue]
    ) -> FeedReading {
        let flag = pollutant.flagField.flatMap(item.text) ?? ""
        let flagged = !flag.isEmpty
        var value: Double?
        var grade: Int?
        if !flagged {
            value = item.number(pollutant.valueField, issues: &issues)
            for field in pollutant.gradeFields {
                guard let raw = item.text(field), !ValueParser.isMissing(raw) else { continue }
                if let parsed = AirQualityGrade(code: raw) {
                    grade = parsed.rawValue
                    break
                }
                issues.append(.invalid(field, raw, at: item.index, expectedKo: "등급(1~4)", expectedEn: "a grade 1–4"))
            }
        }
        return FeedReading(
            series: "air/\(station)/\(pollutant.metric)", source: station, metric: pollutant.metric, value: value, grade: grade,
            time: time, flagged: flagged, location: location)
    }

    private static func duplicate(index: Int, of first: Int, station: String, time: String) -> FeedIssue {
        FeedIssue(
            index: index, field: "stationName", value: station,
            ko: "\(first + 1)번째 항목과 측정소·시각(\(time))이 같아 건너뜁니다", en: "same station and time (\(time)) as item \(first + 1); skipped")
    }
}
