import Foundation
import MokminAnalysis
import Testing

/// Reading one row: good values, and bad ones rejected with the field and the value.
@Suite("Living population rows")
struct LivingPopulationParserTests {
    typealias F = LivingPopulationFixture
    static let columns = LivingPopulationColumns(date: 0, hour: 1, area: 2, total: 3, male: Array(4..<18), female: Array(18..<32))

    static func fields(
        date: String = "20260701", hour: String = "7", area: String = "11110515", total: String = "285.5",
        band: (index: Int, value: String)? = nil
    ) -> [String?] {
        var fields: [String?] = [date, hour, area, total] + (0..<28).map { "\(Double($0) * 0.5 + 0.25)" }
        if let band { fields[4 + band.index] = band.value }
        return fields
    }

    func error(_ fields: [String?]) throws -> LivingPopulationError {
        try #require(throws: LivingPopulationError.self) { try LivingPopulationParser.record(fields, columns: Self.columns) }
    }

    @Test("A good row, with either date form, quotes, and a masked count")
    func goodRow() throws {
        let record = try LivingPopulationParser.record(Self.fields(band: (27, "*")), columns: Self.columns)
        #expect(record.day == F.wednesday && record.hour == 7 && record.area == "11110515" && record.total == 285.5)
        #expect(record.male[0] == 0.25 && record.male[13] == 6.75 && record.female[0] == 7.25)
        #expect(record.female[13] == 0)  // "*" masks a small estimate
        let quoted = try LivingPopulationParser.record(
            Self.fields(date: "\"2026-07-01\"", hour: " 07 ", area: "\"11110515\""),
            columns: Self.columns)
        #expect(quoted.day == F.wednesday && quoted.hour == 7 && quoted.area == "11110515")
    }

    @Test("Counts read as the nearest double, like Double(_:)", arguments: ["1234.5678", "0.1", "0.0001", "1e3", "12345678901234567.5", "+7", "0"])
    func decimals(text: String) throws {
        let record = try LivingPopulationParser.record(Self.fields(total: text), columns: Self.columns)
        #expect(record.total == Double(text)!)
        #expect(try LivingPopulationParser.record(Self.fields(total: "-0.0000"), columns: Self.columns).total.sign == .plus)
    }

    @Test("Hours outside 0–23 or not whole are rejected", arguments: ["24", "25", "-1", "7.5", "seven", "123"])
    func badHour(hour: String) throws {
        let error = try error(Self.fields(hour: hour))
        #expect(error.message.ko == "시간대구분(TMZON_PD_SE) 값 '\(hour)'은(는) 0~23 사이의 정수여야 합니다")
        #expect(error.message.en == "hour (TMZON_PD_SE) '\(hour)' must be a whole number from 0 to 23")
    }

    @Test(
        "Dates that do not exist or are malformed are rejected",
        arguments: ["20261340", "20260230", "20250229", "2026-7-1", "2026-07/01", "26-07-01", "2026년7월1일"])
    func badDate(date: String) throws {
        let error = try error(Self.fields(date: date))
        #expect(error.message.ko == "기준일ID(STDR_DE_ID) 값 '\(date)'은(는) 올바른 날짜가 아닙니다 (YYYYMMDD 또는 YYYY-MM-DD)")
        #expect(error.message.en.contains("'\(date)' is not a valid date"))
    }

    @Test("A count with letters is not a number, and the band is named", arguments: ["12a.5", "nan", "inf", "0x1p3", "1,234"])
    func letters(value: String) throws {
        let error = try error(Self.fields(band: (3, value)))
        #expect(error.message.ko == "남자20세부터24세생활인구수(MALE_F20T24_LVPOP_CO) 값 '\(value)'은(는) 숫자가 아닙니다")
        #expect(error.message.en == "male 20–24 (MALE_F20T24_LVPOP_CO) '\(value)' is not a number")
    }

    @Test("A negative count is rejected")
    func negative() throws {
        let total = try error(Self.fields(total: "-3.5"))
        #expect(total.message.ko == "총생활인구수(TOT_LVPOP_CO) 값 '-3.5'은(는) 음수일 수 없습니다")
        #expect(total.message.en == "total population (TOT_LVPOP_CO) '-3.5' must not be negative")
        let band = try error(Self.fields(band: (27, "-0.0001")))
        #expect(band.message.ko.hasPrefix("여자70세이상생활인구수(FEMALE_F70T74_LVPOP_CO) 값 '-0.0001'"))
    }

    @Test("A dong code with letters, and missing values, are rejected")
    func missing() throws {
        #expect(try error(Self.fields(area: "1111O515")).message.ko == "행정동코드(ADSTRD_CODE_SE) 값 '1111O515'은(는) 숫자로만 된 코드여야 합니다")
        #expect(try error(Self.fields(total: "")).message.ko == "총생활인구수(TOT_LVPOP_CO) 값이 없습니다")
        var short = Self.fields()
        short.removeLast()
        #expect(try error(short).description == "여자70세이상생활인구수(FEMALE_F70T74_LVPOP_CO) 값이 없습니다 / female 70+ (FEMALE_F70T74_LVPOP_CO) is missing")
        var withNil = Self.fields()
        withNil[1] = nil
        #expect(try error(withNil).message.ko == "시간대구분(TMZON_PD_SE) 값이 없습니다")
    }
}
