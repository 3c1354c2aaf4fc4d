import Foundation
import MokminAnalysis
import Testing

/// The analyses on the hand-made file of `LivingPopulationFixture`, whose answers are worked out by hand.
@Suite("Living population analyses")
struct LivingPopulationCubeTests {
    typealias F = LivingPopulationFixture
    let cube: LivingPopulationCube

    init() throws {
        cube = try F.cube()
    }

    @Test("The file's areas, days and row count")
    func contents() {
        #expect(cube.areas == [F.office, F.home].sorted())
        #expect(cube.firstDay == F.wednesday && cube.lastDay == F.saturday)
        #expect(cube.days == [F.wednesday, F.saturday])
        #expect(cube.recordCount == 96 && cube.duplicateCount == 0 && cube.invalidCount == 0)
    }

    @Test("Hourly profile is the mean of the two days at each hour")
    func hourlyProfile() {
        let office = cube.hourlyProfile(area: F.office)
        #expect(office.count == 24)
        #expect(office[3] == 1000)  // night: 1000 both days
        #expect(office[10] == 2250)  // (3000 + 1500) / 2
        #expect(office[12] == 2550)  // (3600 + 1500) / 2
        #expect(office[14] == 2400)  // (3000 + 1800) / 2
        #expect(office[20] == 1600)  // (2000 + 1200) / 2
        let home = cube.hourlyProfile(area: F.home)
        #expect(home[3] == 2000 && home[10] == 1000 && home[20] == 1400)
        #expect(cube.hourlyProfile(area: "99999999").allSatisfy { $0.isNaN })
    }

    @Test("Weekday and weekend profiles each take their own day")
    func weekdayWeekend() {
        let weekday = cube.hourlyProfile(area: F.office, dayType: .weekday)
        let weekend = cube.hourlyProfile(area: F.office, dayType: .weekend)
        #expect(weekday[12] == 3600 && weekday[10] == 3000 && weekday[0] == 2000)
        #expect(weekend[12] == 1500 && weekend[14] == 1800 && weekend[0] == 1200)
        #expect(cube.hourlyProfile(area: F.home, dayType: .weekend)[10] == 1500)
    }

    @Test("Choropleth at an hour, on weekdays, and over the whole day")
    func choropleth() {
        #expect(cube.choropleth(hour: 10) == [F.office: 2250, F.home: 1000])
        #expect(cube.choropleth(hour: 3, dayType: .weekday) == [F.office: 1000, F.home: 2000])
        // Whole day: office (52600 + 30800) / 48, home (24500 + 41500) / 48.
        #expect(cube.choropleth(hour: nil) == [F.office: 1737.5, F.home: 1375])
        #expect(cube.choropleth(hour: 24).isEmpty && cube.choropleth(hour: -1).isEmpty)
    }

    @Test("Pyramids: one hour on the weekday summed over the city, one area over all hours")
    func pyramid() {
        // Weekday 10h: 남자0–9 = (3000 − 270) + (500 − 270); every other band 10 + 10.
        let city = cube.pyramid(area: nil, hours: 10...10, dayType: .weekday)
        #expect(city.male == [2960] + [Double](repeating: 20, count: 13))
        #expect(city.female == [Double](repeating: 20, count: 14))
        // Weekend: 여자70+ is 30 in each area.
        #expect(cube.pyramid(area: nil, hours: 10...10, dayType: .weekend).female[13] == 60)
        // The office over both days and all hours: 여자70+ averages (10 + 30) / 2; the bands add up to the mean total.
        let office = cube.pyramid(area: F.office)
        #expect(office.female[13] == 20 && office.male[5] == 10)
        #expect(F.close(office.male[0], 1737.5 - 280))
        #expect(F.close(office.male.reduce(0, +) + office.female.reduce(0, +), 1737.5))
        #expect(cube.pyramid(area: "99999999").male == [Double](repeating: 0, count: 14))
    }

    @Test("Day/night ratio: 09–17h mean over 01–05h mean")
    func dayNightRatio() {
        // Office by day: Wednesday (8 × 3000 + 3600) / 9, Saturday (8 × 1500 + 1800) / 9 → 2300; night 1000.
        #expect(F.close(cube.dayNightRatio(area: F.office)!, 2.3))
        #expect(cube.dayNightRatio(area: F.home) == 0.5)
        #expect(cube.dayNightRatio(area: F.office, period: .day(F.saturday)).map { F.close($0, 13_800.0 / 9 / 1000) } == true)
        #expect(cube.dayNightRatio(area: "99999999") == nil)
    }

    @Test("Peak hour, earliest on a tie")
    func peakHour() {
        #expect(cube.peakHour(area: F.office) == 12)
        #expect(cube.peakHour(area: F.office, dayType: .weekday) == 12)
        #expect(cube.peakHour(area: F.office, dayType: .weekend) == 14)
        #expect(cube.peakHour(area: F.home) == 1)  // night 2000 at 01–05h
        #expect(cube.peakHour(area: "99999999") == nil)
    }

    @Test("Change from Wednesday to Saturday in percent")
    func change() throws {
        let daytime = cube.change(area: F.office, from: .day(F.wednesday), to: .day(F.saturday), hours: 9...17)
        #expect(F.close(daytime.before, 27_600.0 / 9) && F.close(daytime.after, 13_800.0 / 9))
        #expect(F.close(try #require(daytime.percent), -50))
        let wholeDay = cube.change(area: F.home, from: .day(F.wednesday), to: .day(F.saturday))
        #expect(F.close(wholeDay.before, 24_500.0 / 24) && F.close(wholeDay.after, 41_500.0 / 24))
        #expect(F.close(try #require(wholeDay.percent), (41_500.0 - 24_500) / 24_500 * 100))
        let noData = cube.change(area: F.home, from: .day(F.wednesday + 1), to: .day(F.saturday))
        #expect(noData.before.isNaN && noData.percent == nil)
    }

    @Test("Rankings order the areas by each metric")
    func ranking() {
        func order(_ metric: LivingPopulationCube.Metric, _ dayType: LivingPopulationCube.DayType = .all) -> [String] {
            cube.ranking(metric, dayType: dayType).map(\.area)
        }
        #expect(order(.meanTotal) == [F.office, F.home])
        #expect(order(.meanTotal, .weekend) == [F.home, F.office])  // 41500 / 24 against 30800 / 24
        #expect(order(.nightMean) == [F.home, F.office])
        #expect(order(.dayNightRatio) == [F.office, F.home])
        let peaks = cube.ranking(.peak)
        #expect(peaks.map(\.area) == [F.office, F.home] && peaks.map(\.value) == [2550, 2000])
        let ratios = cube.ranking(.dayNightRatio, period: .day(F.wednesday))
        #expect(F.close(ratios.map(\.value), [27_600.0 / 9 / 1000, 0.25]))
    }
}
