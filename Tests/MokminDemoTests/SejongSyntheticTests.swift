import Foundation
import MokminGeo
import Testing

@testable import MokminDemo
@testable import MokminIngest

@Suite("Synthetic Sejong: areas and living population")
struct SejongSyntheticTests {
    /// 2021-06-30 was a Wednesday; 2021-07-03 a Saturday.
    let week = SejongFixture.Table(SejongSynthetic.livingPopulationCSV(start: "20210630", days: 4, seed: 7))

    @Test("The areas are the 20 읍면동 of the boundary file, with codes, names and centres inside them")
    func areasMatchTheBoundaries() throws {
        #expect(SejongFixture.polygons.count == 20)
        #expect(Set(SejongSynthetic.areas.map(\.code10)) == Set(SejongFixture.polygons.keys))
        for area in SejongSynthetic.areas {
            let polygon = try #require(SejongFixture.polygons[area.code10])
            #expect(polygon.name == area.name)
            #expect(area.code8 == String(area.code10.prefix(8)) && area.code8.count == 8)
            #expect(polygon.area.contains(area.centre), "\(area.name)")
            #expect(area.daytimeFactor - 1 + area.kind.commuteShare >= 0, "\(area.name) would need negative arrivals")
            #expect(area.weekendFactor >= 0.85, "\(area.name) would need negative weekend arrivals")
        }
        let residents = SejongSynthetic.areas.map(\.residents).reduce(0, +)
        #expect((360_000...380_000).contains(residents))
        let daytime = SejongSynthetic.areas.map { Double($0.residents) * $0.daytimeFactor }.reduce(0, +)
        #expect(abs(daytime / Double(residents) - 1) < 0.05, "people neither appear nor vanish at 14h")
    }

    @Test("Every sampling disc and landmark lies inside its 읍면동, so generated points cannot fall outside")
    func discsAreInside() throws {
        for area in SejongSynthetic.areas {
            let polygon = try #require(SejongFixture.polygon(named: area.name))
            for disc in SejongSynthetic.place(area).discs {
                for step in 0..<48 {
                    let edge = disc.point(0.9999, Double(step) / 48)
                    #expect(polygon.contains(edge) && polygon.contains(disc.centre), "\(area.name) \(disc)")
                }
            }
        }
        let landmarkAreas = ["정부세종청사": "도담동", "세종특별자치시청": "보람동", "조치원역": "조치원읍", "세종호수공원": "연기면"]
        for (name, disc) in SejongSynthetic.landmarks {
            for step in 0..<48 { #expect(SejongFixture.areaName(at: disc.point(0.9999, Double(step) / 48)) == landmarkAreas[name]) }
        }
    }

    @Test("Living population: the 32 Seoul columns verbatim, every 읍면동 × 24 hours × day, bands summing to the total")
    func livingPopulationLayout() throws {
        let bands = [
            "0세부터9세", "10세부터14세", "15세부터19세", "20세부터24세", "25세부터29세", "30세부터34세", "35세부터39세", "40세부터44세",
            "45세부터49세", "50세부터54세", "55세부터59세", "60세부터64세", "65세부터69세", "70세이상",
        ]
        let expected = ["기준일ID", "시간대구분", "행정동코드", "총생활인구수"] + bands.map { "남자\($0)생활인구수" } + bands.map { "여자\($0)생활인구수" }
        #expect(week.header == expected)
        #expect(week.rows.count == 4 * 24 * 20 && week.widths.allSatisfy { $0 == 32 })
        #expect(week.rows.first?["기준일ID"] == "20210630" && week.rows.last?["기준일ID"] == "20210703")
        #expect(Set(week.rows.map { $0["행정동코드"] ?? "" }) == Set(SejongSynthetic.areas.map(\.code8)))
        for row in week.rows {
            let total = try #require(row["총생활인구수"].flatMap(Double.init))
            let parts = expected.dropFirst(4).compactMap { row[$0].flatMap(Double.init) }
            #expect(parts.count == 28 && parts.allSatisfy { $0 >= 0 })
            #expect(abs(parts.reduce(0, +) - total) < 0.001)
            #expect(expected.dropFirst(3).allSatisfy { row[$0]?.split(separator: ".").last?.count == 4 })
        }
        #expect(SejongSynthetic.livingPopulationCSV(start: "20210231", days: 3, seed: 7).split(separator: "\r\n").count == 1)
        #expect(SejongSynthetic.livingPopulationCSV(start: "20210630", days: 0, seed: 7).split(separator: "\r\n").count == 1)
    }

    func total(_ name: String, day: String, hour: Int) -> Double {
        let code = SejongSynthetic.area(named: name).code8
        let row = week.rows.first { $0["기준일ID"] == day && $0["시간대구분"] == String(hour) && $0["행정동코드"] == code }
        return row?["총생활인구수"].flatMap(Double.init) ?? .nan
    }

    @Test("Weekdays empty the dormitory 동 and fill the government complex; weekend afternoons fill the lake park")
    func dailyPattern() {
        #expect(total("도담동", day: "20210630", hour: 14) > 1.5 * total("도담동", day: "20210630", hour: 3))
        #expect(total("보람동", day: "20210701", hour: 14) > 1.15 * total("보람동", day: "20210701", hour: 3))
        for dormitory in ["고운동", "다정동", "아름동", "종촌동"] {
            #expect(total(dormitory, day: "20210630", hour: 14) < 0.8 * total(dormitory, day: "20210630", hour: 3), "\(dormitory)")
        }
        #expect(total("연기면", day: "20210703", hour: 15) > 2.5 * total("연기면", day: "20210703", hour: 3))
        #expect(total("도담동", day: "20210703", hour: 14) < total("도담동", day: "20210630", hour: 14), "offices close at weekends")
        for area in SejongSynthetic.areas {
            let night = total(area.name, day: "20210630", hour: 3)
            #expect(abs(night / Double(area.residents) - 1) < 0.08, "\(area.name): residents at night")
        }
    }

    @Test("Age structure: new-town 동 have more children, 조치원 and the 면 more people over 65")
    func ageStructure() {
        func share(_ name: String, _ ages: [String]) -> Double {
            let code = SejongSynthetic.area(named: name).code8
            let rows = week.rows.filter { $0["행정동코드"] == code && $0["시간대구분"] == "3" }
            let part = rows.map { row in ages.flatMap { ["남자\($0)생활인구수", "여자\($0)생활인구수"] }.compactMap { row[$0].flatMap(Double.init) }.reduce(0, +) }
            let all = rows.compactMap { $0["총생활인구수"].flatMap(Double.init) }
            return part.reduce(0, +) / all.reduce(0, +)
        }
        let old = ["65세부터69세", "70세이상"]
        #expect(share("고운동", ["0세부터9세"]) > 1.5 * share("전의면", ["0세부터9세"]))
        #expect(share("전의면", old) > 3 * share("고운동", old))
        #expect(share("조치원읍", old) > share("고운동", old) && share("조치원읍", ["20세부터24세"]) > share("고운동", ["20세부터24세"]))
        let day = week.rows.filter { $0["행정동코드"] == SejongSynthetic.area(named: "도담동").code8 && $0["시간대구분"] == "14" }.first
        let workers = ["남자35세부터39세생활인구수", "남자40세부터44세생활인구수"].compactMap { day?[$0].flatMap(Double.init) }.reduce(0, +)
        #expect(workers / (day?["총생활인구수"].flatMap(Double.init) ?? 1) > 0.1, "commuters are working age")
    }

    @Test("The same seed gives the same text; another seed another")
    func determinism() {
        #expect(
            SejongSynthetic.livingPopulationCSV(start: "20210630", days: 2, seed: 11)
                == SejongSynthetic.livingPopulationCSV(start: "20210630", days: 2, seed: 11))
        #expect(
            SejongSynthetic.livingPopulationCSV(start: "20210630", days: 2, seed: 11)
                != SejongSynthetic.livingPopulationCSV(start: "20210630", days: 2, seed: 12))
        for make in [SejongSynthetic.evChargersCSV, SejongSynthetic.sheltersCSV, SejongSynthetic.parkingLotsCSV] {
            #expect(make(5) == make(5) && make(5) != make(6))
        }
        #expect(SejongSynthetic.label == "합성 데이터 · Synthetic data")
    }
}
