import Foundation
import MokminBase
import Testing

@Suite struct LocalTimeTests {
    /// 2026-07-01 (a Wednesday) and 2026-07-04 (a Saturday) as day numbers.
    static let wednesday = LocalTime.dayNumber(year: 2026, month: 7, day: 1)!
    static let saturday = LocalTime.dayNumber(year: 2026, month: 7, day: 4)!

    @Test("Calendar: 1970-01-01 was a Thursday; leap years; round trips")
    func calendar() {
        typealias C = LocalTime
        #expect(C.dayNumber(year: 1970, month: 1, day: 1) == 0 && C.isoWeekday(ofDay: 0) == 4)
        #expect(C.isoWeekday(ofDay: Self.wednesday) == 3 && C.isoWeekday(ofDay: Self.saturday) == 6 && C.isWeekend(day: Self.saturday + 1))
        #expect(!C.isWeekend(day: Self.saturday + 2) && C.isoWeekday(ofDay: -1) == 3)
        #expect(C.dayNumber(year: 2000, month: 2, day: 29) != nil && C.dayNumber(year: 1900, month: 2, day: 29) == nil)
        #expect(C.dayNumber(year: 2026, month: 2, day: 29) == nil && C.dayNumber(year: 2028, month: 2, day: 29) != nil)
        #expect(C.day(parsing: "2026-07-04") == Self.saturday && C.day(parsing: "20260704") == Self.saturday)
        #expect(C.day(parsing: "2026-13-04") == nil && C.day(parsing: "2026-07") == nil && C.day(parsing: "2026x07x04") == nil)
        #expect(C.isoString(ofDay: Self.wednesday) == "2026-07-01")
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = C.date(ofDay: day)
            #expect(C.dayNumber(year: date.year, month: date.month, day: date.day) == day)
        }
    }

    @Test("Korean local time: UTC+9 all year, stored as YYYY-MM-DDTHH:MM:SS")
    func localTimes() throws {
        // 2026-07-03T15:30:05Z is 2026-07-04T00:30:05 in Seoul: a Saturday.
        let instant = Date(timeIntervalSince1970: 1_783_092_605)
        let local = LocalTime(instant)
        #expect(local.iso == "2026-07-04T00:30:05" && local.isoDate == "2026-07-04")
        #expect(local.weekday == 6 && local.isWeekend && local.minuteOfDay == 30)
        #expect(LocalTime.string(instant) == "2026-07-04T00:30:05")
        #expect(LocalTime.date("2026-07-04T00:30:05") == instant)
        #expect(LocalTime.epochSeconds(localISO: "2026-07-04T00:30:05") == 1_783_092_605)
        // Separators are free and a date alone is its midnight; the round trip through local seconds is exact.
        let seconds = try #require(LocalTime.seconds("2026.07.04 00:30:05"))
        #expect(LocalTime.string(localSeconds: seconds) == "2026-07-04T00:30:05")
        #expect(LocalTime.seconds("2026-07-04") == seconds - 30 * 60 - 5)
        // Before 1970 the day still starts at local midnight.
        #expect(LocalTime(localSeconds: -1).iso == "1969-12-31T23:59:59")
    }

    @Test("Text that is not a local time gives nil, never a trap", arguments: [
        "", "2026", "2026-00-01", "2026-07-32", "2026-07-04T25:00:00", "9223372036854775807-01-01", "-9999999999-01-01",
    ])
    func notATime(_ text: String) {
        #expect(LocalTime.seconds(text) == nil)
    }
}
