import Foundation
import MokminCore

/// A local time in Korea (Asia/Seoul, UTC+9 all year: Korea has kept no daylight saving time since 1988), computed
/// without calendars or time-zone databases so that it is the same on every machine.
struct SeoulTime: Sendable, Hashable {
    static let offsetSeconds: Int64 = 9 * 3600

    /// Whole days since 1970-01-01 in local time.
    let dayNumber: Int64
    /// Seconds since local midnight, 0..<86400.
    let secondOfDay: Int
    let year: Int, month: Int, day: Int

    /// The local time of an instant, to the second (fractions are dropped towards the past).
    init(_ date: Date) {
        self.init(epochSeconds: Int64((date.timeIntervalSince1970).rounded(.down)))
    }

    init(epochSeconds: Int64) {
        let local = epochSeconds + Self.offsetSeconds
        dayNumber = local >= 0 ? local / 86400 : (local - 86399) / 86400
        secondOfDay = Int(local - dayNumber * 86400)
        (year, month, day) = Self.civil(dayNumber)
    }

    var hour: Int { secondOfDay / 3600 }
    var minute: Int { secondOfDay / 60 % 60 }
    var second: Int { secondOfDay % 60 }
    /// Minutes since local midnight, 0..<1440.
    var minuteOfDay: Int { secondOfDay / 60 }
    /// 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday).
    var weekday: Int { Int(((dayNumber + 4) % 7 + 7) % 7) }
    var isWeekend: Bool { weekday == 0 || weekday == 6 }

    /// `YYYY-MM-DDTHH:MM:SS`.
    var iso: String { date + "T" + ValueParser.pad(hour) + ":" + ValueParser.pad(minute) + ":" + ValueParser.pad(second) }
    /// `YYYY-MM-DD`.
    var date: String { ValueParser.pad(year, width: 4) + "-" + ValueParser.pad(month) + "-" + ValueParser.pad(day) }

    /// The instant of a local `YYYY-MM-DDTHH:MM:SS`, as seconds since 1970 (for tests and conversions).
    static func epochSeconds(localISO text: String) -> Int64? {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int64($0) }
        guard parts.count == 6 else { return nil }
        return (days(year: parts[0], month: parts[1], day: parts[2]) * 86400 + parts[3] * 3600 + parts[4] * 60 + parts[5]) - offsetSeconds
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 { LocalTime.days(year: year, month: month, day: day) }

    /// The date of a day number.
    static func civil(_ dayNumber: Int64) -> (Int, Int, Int) {
        let d = LocalTime.civil(dayNumber)
        return (d.year, d.month, d.day)
    }
}
