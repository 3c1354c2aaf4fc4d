import Foundation
import MokminGeo

/// Local times as the board stores them (`YYYY-MM-DDTHH:MM:SS`, Korean local time, no zone); their day arithmetic is
/// `CivilDay`'s (MokminGeo), shared with the living-population calendar.
///
/// "Local seconds" count from 1970-01-01T00:00:00 *local*; differences and bucket boundaries come out right because
/// Korea (Asia/Seoul, UTC+9) has kept no daylight saving time since 1988.
public enum LocalTime {
    public static let offsetSeconds: Int64 = 9 * 3600

    /// Korean local time of an instant (fractions of a second dropped towards the past).
    public static func string(_ date: Date) -> String { string(localSeconds: Int64(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds) }

    /// The local time string of local seconds.
    public static func string(localSeconds seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = Int(seconds - days * 86400)
        let (year, month, day) = civil(days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// Local seconds of `YYYY-MM-DDTHH:MM:SS` (any separators; a date alone is its midnight), nil when not a date.
    public static func seconds(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
        guard parts.count >= 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let time = parts.dropFirst(3).prefix(3)
        guard time.allSatisfy({ $0 >= 0 && $0 < 60 || $0 == 60 }), (time.first ?? 0) <= 24 else { return nil }
        let h = time.count > 0 ? time[time.startIndex] : 0
        let m = time.count > 1 ? time[time.startIndex + 1] : 0
        let s = time.count > 2 ? time[time.startIndex + 2] : 0
        return days(year: parts[0], month: parts[1], day: parts[2]) * 86400 + h * 3600 + m * 60 + s
    }

    /// The instant of a local time string.
    public static func date(_ text: String) -> Date? {
        seconds(text).map { Date(timeIntervalSince1970: TimeInterval($0 - offsetSeconds)) }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (see `CivilDay`).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(CivilDay.number(year: Int(year), month: Int(month), day: Int(day)))
    }

    /// The date (year, month, day) of a day number since 1970-01-01.
    public static func civil(_ dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        CivilDay.date(ofDay: Int(dayNumber))
    }
}
