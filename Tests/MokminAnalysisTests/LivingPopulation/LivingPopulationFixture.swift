import Foundation
import MokminAnalysis
import MokminBase
import Testing

/// A hand-made living-population file whose answers are known, and the small CSV reading the tests need.
///
/// Two dongs, two days (Wednesday 2026-07-01 and Saturday 2026-07-04), 24 hours each: 96 rows.
/// - `office` (11110515): Wednesday 3000 by day (09–17h) but 3600 at 12h, 1000 at night (01–05h), 2000 otherwise;
///   Saturday 1500 by day but 1800 at 14h, 1000 at night, 1200 otherwise.
/// - `home` (11110530): Wednesday 500 by day, 2000 at night, 1000 otherwise; Saturday 1500, 2000, 1800.
///
/// Every band is 10 except 여자70세이상 on Saturday (30) and 남자0세부터9세, which takes the rest of the total.
enum LivingPopulationFixture {
    static let office = "11110515"
    static let home = "11110530"
    static let wednesday = LocalTime.dayNumber(year: 2026, month: 7, day: 1)!
    static let saturday = LocalTime.dayNumber(year: 2026, month: 7, day: 4)!

    /// The header line as Seoul's portal writes it: a byte order mark read as `?`, quoted names.
    static let seoulHeader =
        "?\"기준일ID\",\"시간대구분\",\"행정동코드\",\"총생활인구수\","
        + "\"남자0세부터9세생활인구수\",\"남자10세부터14세생활인구수\",\"남자15세부터19세생활인구수\",\"남자20세부터24세생활인구수\","
        + "\"남자25세부터29세생활인구수\",\"남자30세부터34세생활인구수\",\"남자35세부터39세생활인구수\",\"남자40세부터44세생활인구수\","
        + "\"남자45세부터49세생활인구수\",\"남자50세부터54세생활인구수\",\"남자55세부터59세생활인구수\",\"남자60세부터64세생활인구수\","
        + "\"남자65세부터69세생활인구수\",\"남자70세이상생활인구수\","
        + "\"여자0세부터9세생활인구수\",\"여자10세부터14세생활인구수\",\"여자15세부터19세생활인구수\",\"여자20세부터24세생활인구수\","
        + "\"여자25세부터29세생활인구수\",\"여자30세부터34세생활인구수\",\"여자35세부터39세생활인구수\",\"여자40세부터44세생활인구수\","
        + "\"여자45세부터49세생활인구수\",\"여자50세부터54세생활인구수\",\"여자55세부터59세생활인구수\",\"여자60세부터64세생활인구수\","
        + "\"여자65세부터69세생활인구수\",\"여자70세이상생활인구수\""

    static func total(area: String, saturday: Bool, hour: Int) -> Double {
        let night = (1...5).contains(hour)
        let day = (9...17).contains(hour)
        switch (area == office, saturday) {
        case (true, false): return hour == 12 ? 3600 : day ? 3000 : night ? 1000 : 2000
        case (true, true): return hour == 14 ? 1800 : day ? 1500 : night ? 1000 : 1200
        case (false, false): return day ? 500 : night ? 2000 : 1000
        case (false, true): return day ? 1500 : night ? 2000 : 1800
        }
    }

    /// One data row: date as written, hour, dong, total, 14 male and 14 female bands (four decimal places).
    static func row(date: String, hour: Int, area: String, total: Double, oldWomen: Double = 10) -> String {
        var female = [Double](repeating: 10, count: 14)
        female[13] = oldWomen
        var male = [Double](repeating: 10, count: 14)
        male[0] = total - 13 * 10 - female.reduce(0, +)
        return ([date, String(hour), area] + ([total] + male + female).map { String(format: "%.4f", $0) }).joined(separator: ",")
    }

    /// The 96-row file, CRLF line ends; the Saturday is written `2026-07-04` to mix the two date forms.
    static var csv: String {
        var lines = [seoulHeader]
        for (date, isSaturday) in [("20260701", false), ("2026-07-04", true)] {
            for hour in 0..<24 {
                for area in [office, home] {
                    lines.append(
                        row(
                            date: date, hour: hour, area: area, total: total(area: area, saturday: isSaturday, hour: hour),
                            oldWomen: isSaturday ? 30 : 10))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Reads a CSV without embedded commas: header, then records.
    static func records(_ text: String) throws -> [LivingPopulationRecord] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let columns = try LivingPopulationColumns.locate(header: lines[0])
        return try lines.dropFirst().map { try LivingPopulationParser.record($0, columns: columns) }
    }

    static func cube(_ text: String = csv) throws -> LivingPopulationCube {
        LivingPopulationCube(try records(text))
    }

    /// Equal up to rounding.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1) }
    }
}
