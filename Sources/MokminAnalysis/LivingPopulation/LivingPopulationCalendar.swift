import Foundation
import MokminGeo

/// Civil dates as day numbers (days since 1970-01-01, which was a Thursday), proleptic Gregorian, no time zone.
///
/// Living-population data is keyed by a local calendar date (기준일ID) and an hour slot, so day arithmetic is
/// done on plain integers: no `Calendar`, no `TimeZone`, and the same answer on every machine.
public enum LivingPopulationCalendar {
    /// The day number of a civil date, or `nil` when the date does not exist (month 13, 2026-02-29, …).
    public static func day(year: Int, month: Int, day: Int) -> Int? {
        guard CivilDay.isValid(year: year, month: month, day: day) else { return nil }
        return CivilDay.number(year: year, month: month, day: day)
    }

    /// The civil date of a day number.
    public static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        CivilDay.date(ofDay: day)
    }

    /// The ISO weekday of a day number: 1 = Monday … 6 = Saturday, 7 = Sunday.
    public static func isoWeekday(ofDay day: Int) -> Int {
        // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
        ((day % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// Whether the day is a Saturday or a Sunday. Public holidays are not known here and count as weekdays.
    public static func isWeekend(day: Int) -> Bool {
        isoWeekday(ofDay: day) >= 6
    }

    /// The day number of `20260701` or `2026-07-01` (also `2026.07.01`, `2026/07/01`), or `nil`.
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
        return day(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// `2026-07-01` for a day number.
    public static func isoString(ofDay day: Int) -> String {
        let (y, m, d) = date(ofDay: day)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
