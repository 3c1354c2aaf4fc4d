import Foundation
import MokminBase
import MokminCore
import Testing

@Suite struct PeriodTests {
    @Test func parsesMonthsQuartersAndYears() throws {
        let quarter = try #require(Period("2020Q2"))
        #expect((quarter.unit, quarter.year, quarter.index) == (.quarter, 2020, 2))
        let month = try #require(Period("2020-05"))
        #expect((month.unit, month.year, month.index) == (.month, 2020, 5))
        let year = try #require(Period("2020"))
        #expect((year.unit, year.year, year.index) == (.year, 2020, 1))
        // Other spellings of a quarter, and spaces around.
        #expect(Period("2020-Q2") == quarter)
        #expect(Period("2020q2") == quarter)
        #expect(Period(" 2020-05 ") == month)
        #expect([quarter, month, year].map(\.description) == ["2020Q2", "2020-05", "2020"])
        #expect([quarter, month, year].map(\.koreanName) == ["2020년 2분기", "2020년 5월", "2020년"])
    }

    @Test(arguments: [
        "2020Q5", "2020Q0", "2020-13", "2020-00", "2020-5", "99999", "", "202", "abcd", "2020-0A", "1899", "2201-01", "2020Q", "2020-Q",
    ])
    func rejectsWhatIsNotAPeriod(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test func startAndEndDaysIncludingLeapFebruaries() throws {
        let cases: [(String, String, String)] = [
            ("2020-02", "2020-02-01", "2020-02-29"),  // divisible by 4
            ("2021-02", "2021-02-01", "2021-02-28"),
            ("1900-02", "1900-02-01", "1900-02-28"),  // divisible by 100, not by 400
            ("2000-02", "2000-02-01", "2000-02-29"),  // divisible by 400
            ("2020-04", "2020-04-01", "2020-04-30"),
            ("2020-12", "2020-12-01", "2020-12-31"),
            ("2020Q1", "2020-01-01", "2020-03-31"),
            ("2020Q2", "2020-04-01", "2020-06-30"),
            ("2020Q4", "2020-10-01", "2020-12-31"),
            ("2020", "2020-01-01", "2020-12-31"),
        ]
        for (text, start, end) in cases {
            let period = try #require(Period(text))
            #expect(period.startDay == start, "\(text)")
            #expect(period.endDay == end, "\(text)")
        }
    }

    @Test func containsDaysAndShorterPeriods() throws {
        let q2 = try #require(Period("2020Q2"))
        #expect(q2.contains(day: "2020-04-01"))
        #expect(q2.contains(day: "2020-06-30"))
        #expect(q2.contains(day: "2020-06-30T23:59:59"))  // a date-time counts by its day
        #expect(!q2.contains(day: "2020-03-31"))
        #expect(!q2.contains(day: "2020-07-01"))
        #expect(try #require(Period("2020-02")).contains(day: "2020-02-29"))
        #expect(q2.contains(try #require(Period("2020-05"))))
        #expect(!q2.contains(try #require(Period("2020-07"))))
        #expect(!q2.contains(try #require(Period("2020"))))
        #expect(try #require(Period("2020")).contains(q2))
        #expect(Period(containing: "2020-05-31T23:00:00", unit: .quarter) == q2)
        #expect(Period(containing: "2020-12-31", unit: .month)?.description == "2020-12")
        #expect(Period(containing: "2020-13-01", unit: .month) == nil)
    }

    @Test func previousCrossesYears() throws {
        #expect(Period("2020-01")?.previous?.description == "2019-12")
        #expect(Period("2020-05")?.previous?.description == "2020-04")
        #expect(Period("2020Q1")?.previous?.description == "2019Q4")
        #expect(Period("2020Q3")?.previous?.description == "2020Q2")
        #expect(Period("2020")?.previous?.description == "2019")
        #expect(Period("1900-01")?.previous == nil)
        #expect(Period("1900")?.previous == nil)
    }

    @Test func ordersByStartThenEnd() throws {
        let texts = ["2021", "2020-05", "2020Q2", "2019Q4", "2020-04", "2020", "2020-01"]
        let sorted = texts.compactMap(Period.init).sorted().map(\.description)
        // The longer period starting the same day comes after the shorter one.
        #expect(sorted == ["2019Q4", "2020-01", "2020", "2020-04", "2020Q2", "2020-05", "2021"])
        #expect(try #require(Period("2020-12")) < #require(Period("2021-01")))
        #expect(try #require(Period("2020-09")) < #require(Period("2020-10")))  // not compared as "9" against "10"
    }

    @Test func periodsOfAShorterUnit() throws {
        #expect(try #require(Period("2020Q2")).periods(of: .month).map(\.description) == ["2020-04", "2020-05", "2020-06"])
        #expect(try #require(Period("2020")).periods(of: .quarter).map(\.description) == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"])
        #expect(try #require(Period("2020")).periods(of: .month).count == 12)
        #expect(try #require(Period("2020-05")).periods(of: .month).map(\.description) == ["2020-05"])
        #expect(try #require(Period("2020-05")).periods(of: .quarter).isEmpty)
        #expect(try #require(Period("2020Q2")).periods(of: .year).isEmpty)
    }

    @Test func codableAsItsText() throws {
        let periods = ["2020-05", "2020Q2", "2020"].compactMap(Period.init)
        let data = try JSONEncoder().encode(periods)
        #expect(String(decoding: data, as: UTF8.self) == #"["2020-05","2020Q2","2020"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: data) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data(#"["2020Q5"]"#.utf8)) }
    }
}
