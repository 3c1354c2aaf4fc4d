import Foundation

/// Korean local time and civil dates, without `Calendar` or time-zone databases, so every machine gives the same
/// answer: the one time helper of Mokmin (the board's stored times, feed timestamps, the simulator, Excel serial dates,
/// the living-population calendar and chart axes all use it).
///
/// Local times are stored as `YYYY-MM-DDTHH:MM:SS` in Korean local time with no zone. "Local seconds" count from
/// 1970-01-01T00:00:00 *local*; differences and bucket boundaries come out right because Korea (Asia/Seoul, UTC+9)
/// has kept no daylight saving time since 1988. Day numbers count days since 1970-01-01 (a Thursday) in the proleptic
/// Gregorian calendar (Howard Hinnant's `days_from_civil` and `civil_from_days`).
public struct LocalTime: Sendable, Hashable {
    /// Seconds Korean local time is ahead of UTC.
    public static let offsetSeconds: Int64 = 9 * 3600

    /// Whole days since 1970-01-01 in local time.
    public let dayNumber: Int64
    /// Seconds since local midnight, 0..<86400.
    public let secondOfDay: Int
    public let year: Int, month: Int, day: Int

    /// The local time of an instant, to the second (fractions are dropped towards the past).
    public init(_ date: Date) {
        self.init(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The local time of an instant given as seconds since 1970-01-01T00:00:00Z.
    public init(epochSeconds: Int64) {
        self.init(localSeconds: epochSeconds + Self.offsetSeconds)
    }

    /// The local time of local seconds.
    public init(localSeconds local: Int64) {
        dayNumber = local >= 0 ? local / 86400 : (local - 86399) / 86400
        secondOfDay = Int(local - dayNumber * 86400)
        (year, month, day) = Self.date(ofDay: Int(dayNumber))
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }
    /// Minutes since local midnight, 0..<1440.
    public var minuteOfDay: Int { secondOfDay / 60 }
    /// 0 for Sunday … 6 for Saturday.
    public var weekday: Int { Self.isoWeekday(ofDay: Int(dayNumber)) % 7 }
    public var isWeekend: Bool { Self.isWeekend(day: Int(dayNumber)) }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var iso: String { isoDate + "T" + Self.pad(hour) + ":" + Self.pad(minute) + ":" + Self.pad(second) }
    /// `YYYY-MM-DD`.
    public var isoDate: String { Self.pad(year, width: 4) + "-" + Self.pad(month) + "-" + Self.pad(day) }

    // MARK: Stored local times

    /// Korean local time of an instant (fractions of a second dropped towards the past).
    public static func string(_ date: Date) -> String { LocalTime(date).iso }

    /// The local time string of local seconds.
    public static func string(localSeconds seconds: Int64) -> String { LocalTime(localSeconds: seconds).iso }

    /// Local seconds of `YYYY-MM-DDTHH:MM:SS` (any separators; a date alone is its midnight), nil when not a date.
    public static func seconds(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
        guard parts.count >= 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]), abs(parts[0]) < 1_000_000 else { return nil }
        let time = parts.dropFirst(3).prefix(3)
        guard time.allSatisfy({ $0 >= 0 && $0 <= 60 }), (time.first ?? 0) <= 24 else { return nil }
        let h = time.count > 0 ? time[time.startIndex] : 0
        let m = time.count > 1 ? time[time.startIndex + 1] : 0
        let s = time.count > 2 ? time[time.startIndex + 2] : 0
        return days(year: parts[0], month: parts[1], day: parts[2]) * 86400 + h * 3600 + m * 60 + s
    }

    /// The instant of a local time string.
    public static func date(_ text: String) -> Date? {
        seconds(text).map { Date(timeIntervalSince1970: TimeInterval($0 - offsetSeconds)) }
    }

    /// The instant of exactly `YYYY-MM-DDTHH:MM:SS` local time, as seconds since 1970 UTC.
    public static func epochSeconds(localISO text: String) -> Int64? {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int64($0) }
        guard parts.count == 6, abs(parts[0]) < 1_000_000 else { return nil }
        return (days(year: parts[0], month: parts[1], day: parts[2]) * 86400 + parts[3] * 3600 + parts[4] * 60 + parts[5]) - offsetSeconds
    }

    // MARK: Civil dates as day numbers

    /// Days from 1970-01-01 to a proleptic Gregorian date; the month and day are not checked (see ``isValid``).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day number of a date that exists, or nil (month 13, 2026-02-29, …).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int? {
        guard isValid(year: year, month: month, day: day) else { return nil }
        return Int(days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The date (year, month, day) of a day number.
    public static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whether the date exists (no month 13, no 2026-02-29).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = month == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(month) ? 30 : 31
        return day <= length
    }

    /// The ISO weekday of a day number: 1 = Monday … 6 = Saturday, 7 = Sunday (day 0 was a Thursday).
    public static func isoWeekday(ofDay day: Int) -> Int { ((day % 7 + 7) % 7 + 3) % 7 + 1 }

    /// Whether the day is a Saturday or a Sunday. Public holidays are not known here and count as weekdays.
    public static func isWeekend(day: Int) -> Bool { isoWeekday(ofDay: day) >= 6 }

    /// The day number of `20260701` or `2026-07-01` (also `2026.07.01`, `2026/07/01`), or nil.
    public static func day(parsing text: some StringProtocol) -> Int? {
        let bytes = Array(text.utf8)
        let digits: [UInt8]
        switch bytes.count {
        case 8:
            digits = bytes
        case 10:
            let separator = bytes[4]
            guard [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/")].contains(separator), bytes[7] == separator else { return nil }
            digits = Array(bytes[0..<4] + bytes[5..<7] + bytes[8..<10])
        default:
            return nil
        }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return dayNumber(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// `2026-07-01` for a day number.
    public static func isoString(ofDay day: Int) -> String {
        let (y, m, d) = date(ofDay: day)
        return pad(y, width: 4) + "-" + pad(m) + "-" + pad(d)
    }

    /// A non-negative number with leading zeros to `width` digits.
    public static func pad(_ n: Int, width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension LocalTime {
    /// A date that exists in the Gregorian calendar, kept as its parts: what the readers parse dates into and
    /// write back as `YYYY-MM-DD`.
    public struct Day: Hashable, Sendable {
        public let year: Int, month: Int, day: Int

        /// The date, or nil when it does not exist (month 13, 2026-02-29, …).
        public init?(year: Int, month: Int, day: Int) {
            guard LocalTime.isValid(year: year, month: month, day: day) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        /// The date of a day number.
        public init(dayNumber: Int) {
            (year, month, day) = LocalTime.date(ofDay: dayNumber)
        }

        /// Days since 1970-01-01.
        public var dayNumber: Int { Int(LocalTime.days(year: Int64(year), month: Int64(month), day: Int64(day))) }

        /// The day after.
        public var next: Day {
            if let d = Day(year: year, month: month, day: day + 1) { return d }
            if let d = Day(year: year, month: month + 1, day: 1) { return d }
            return Day(year: year + 1, month: 1, day: 1)!
        }

        /// `YYYY-MM-DD`.
        public var iso: String { LocalTime.pad(year, width: 4) + "-" + LocalTime.pad(month) + "-" + LocalTime.pad(day) }
    }
}
