import Foundation
import MokminAnalysis
import MokminBase
import Testing

/// Periods, day types, missing hours and duplicate rows; and the calendar underneath.
@Suite("Living population filters")
struct LivingPopulationFilterTests {
    typealias F = LivingPopulationFixture
    typealias Period = LivingPopulationCube.Period

    /// Friday 2026-07-03 to Monday 2026-07-06 in one dong. At 08h the four days have 100, 200, 400 and 800.
    /// At 05h only Friday (100) and Monday (300) have a row; no day has 06h.
    static let friday = LocalTime.dayNumber(year: 2026, month: 7, day: 3)!

    static func record(_ day: Int, _ hour: Int, _ total: Double, area: String = "11140550") -> LivingPopulationRecord {
        var male = [Double](repeating: 0, count: 14)
        male[6] = total
        return LivingPopulationRecord(day: day, hour: hour, area: area, total: total, male: male, female: [Double](repeating: 0, count: 14))
    }

    static let cube = LivingPopulationCube(
        [(0, 100.0), (1, 200), (2, 400), (3, 800)].map { record(friday + $0, 8, $1) }
            + [record(friday, 5, 100), record(friday + 3, 5, 300)])

    @Test("Day types: Friday and Monday are weekdays, Saturday and Sunday the weekend")
    func dayTypes() {
        #expect(Self.cube.hourlyProfile(area: "11140550")[8] == 375)
        #expect(Self.cube.hourlyProfile(area: "11140550", dayType: .weekday)[8] == 450)
        #expect(Self.cube.hourlyProfile(area: "11140550", dayType: .weekend)[8] == 300)
        #expect(Self.cube.pyramid(area: "11140550", hours: 8...8, dayType: .weekend).male[6] == 300)
    }

    @Test("Periods are inclusive and combine with day types")
    func periods() {
        let weekend = Period(from: Self.friday + 1, to: Self.friday + 2)
        #expect(Self.cube.hourlyProfile(area: "11140550", period: weekend)[8] == 300)
        #expect(Self.cube.choropleth(hour: 8, period: Period(from: Self.friday + 2, to: Self.friday + 30)) == ["11140550": 600])
        #expect(Self.cube.choropleth(hour: 8, dayType: .weekday, period: Period(from: Self.friday + 1, to: Self.friday + 3)) == ["11140550": 800])
        #expect(Self.cube.choropleth(hour: 8, dayType: .weekday, period: weekend).isEmpty)
        #expect(Self.cube.choropleth(hour: 8, period: Period(from: Self.friday + 3, to: Self.friday)).isEmpty)  // from after to
        #expect(Self.cube.ranking(.meanTotal, period: Period(from: 0, to: Self.friday - 1)).isEmpty)
    }

    @Test("An hour missing on some days is averaged over the days that have it; one missing on all is nan")
    func missingHours() {
        let profile = Self.cube.hourlyProfile(area: "11140550")
        #expect(profile[5] == 200)  // (100 + 300) / 2, not / 4
        #expect(profile[6].isNaN && profile[0].isNaN)
        #expect(Self.cube.choropleth(hour: 6).isEmpty)
        #expect(Self.cube.choropleth(hour: nil) == ["11140550": (200.0 + 375) / 2])  // mean over the hours that have data
        #expect(Self.cube.peakHour(area: "11140550") == 8)
        #expect(Self.cube.dayNightRatio(area: "11140550") == nil)  // no daytime rows
        #expect(Self.cube.pyramid(area: "11140550").male[6] == (200.0 + 375) / 2)
    }

    @Test("A repeated area, day and hour keeps the first row; a bad hour is left out")
    func duplicates() {
        let cube = LivingPopulationCube([Self.record(Self.friday, 8, 100), Self.record(Self.friday, 8, 900), Self.record(Self.friday, 24, 5)])
        #expect(cube.recordCount == 1 && cube.duplicateCount == 1 && cube.invalidCount == 1)
        #expect(cube.hourlyProfile(area: "11140550")[8] == 100)
        #expect(cube.pyramid(area: nil).male[6] == 100)
    }

    @Test("An empty cube answers without crashing")
    func empty() {
        let cube = LivingPopulationCube([LivingPopulationRecord]())
        #expect(cube.areas.isEmpty && cube.recordCount == 0)
        #expect(cube.choropleth(hour: nil).isEmpty && cube.ranking(.peak).isEmpty)
        #expect(cube.pyramid(area: nil).female == [Double](repeating: 0, count: 14))
    }
}
