import Foundation
import MokminAnalysis
import Testing

/// Finding the 32 columns in the header of a downloaded file or an Open API export.
@Suite("Living population headers")
struct LivingPopulationHeaderTests {
    typealias F = LivingPopulationFixture

    static let apiNames: [String] =
        ["STDR_DE_ID", "TMZON_PD_SE", "ADSTRD_CODE_SE", "TOT_LVPOP_CO"]
        + ["MALE", "FEMALE"].flatMap { sex in
            [
                "F0T9", "F10T14", "F15T19", "F20T24", "F25T29", "F30T34", "F35T39", "F40T44", "F45T49", "F50T54", "F55T59", "F60T64",
                "F65T69", "F70T74",
            ].map { "\(sex)_\($0)_LVPOP_CO" }
        }

    @Test("Seoul's Korean header with a mis-decoded byte order mark and quotes")
    func seoulHeader() throws {
        let columns = try LivingPopulationColumns.locate(header: F.seoulHeader.components(separatedBy: ","))
        #expect(columns == LivingPopulationColumns(date: 0, hour: 1, area: 2, total: 3, male: Array(4..<18), female: Array(18..<32)))
    }

    @Test("A real byte order mark, or one read as Latin-1, before the first name", arguments: ["\u{FEFF}", "ï»¿", "\u{FEFF}\""])
    func byteOrderMark(prefix: String) throws {
        var header = F.seoulHeader.components(separatedBy: ",")
        header[0] = prefix + "기준일ID"
        #expect(try LivingPopulationColumns.locate(header: header).date == 0)
    }

    @Test("Open API field names, in another order, any case, with extra columns and the 70OVER spelling")
    func apiNames() throws {
        var header = Self.apiNames.reversed().map { $0.lowercased() }
        header.insert("ROW_NUM", at: 0)
        header[header.firstIndex(of: "female_f70t74_lvpop_co")!] = "FEMALE_F70OVER_LVPOP_CO"
        let columns = try LivingPopulationColumns.locate(header: header)
        #expect(columns.date == 32 && columns.hour == 31 && columns.area == 30 && columns.total == 29)
        #expect(columns.male == Array((15...28).reversed()))
        #expect(columns.female == Array((1...14).reversed()))
    }

    @Test("Korean and API names may be mixed, with spaces around them")
    func mixed() throws {
        var header = F.seoulHeader.components(separatedBy: ",")
        header[0] = " STDR_DE_ID "
        header[2] = "\"행정동 코드\""
        let columns = try LivingPopulationColumns.locate(header: header)
        #expect(columns.date == 0 && columns.area == 2)
    }

    @Test("A missing column is named in Korean and English")
    func missingColumn() throws {
        var header = F.seoulHeader.components(separatedBy: ",")
        header.remove(at: 2)
        let error = try #require(throws: LivingPopulationError.self) { try LivingPopulationColumns.locate(header: header) }
        #expect(error.message.ko == "행정동코드(ADSTRD_CODE_SE) 열이 없습니다")
        #expect(error.message.en == "missing column 행정동코드 (ADSTRD_CODE_SE)")
        #expect(error.description == "행정동코드(ADSTRD_CODE_SE) 열이 없습니다 / missing column 행정동코드 (ADSTRD_CODE_SE)")
    }

    @Test("Every missing column is named")
    func missingColumns() throws {
        let header = Self.apiNames.filter { $0 != "TMZON_PD_SE" && $0 != "FEMALE_F70T74_LVPOP_CO" }
        let error = try #require(throws: LivingPopulationError.self) { try LivingPopulationColumns.locate(header: header) }
        #expect(error.message.ko == "시간대구분(TMZON_PD_SE), 여자70세이상생활인구수(FEMALE_F70T74_LVPOP_CO) 열이 없습니다")
        #expect(error.message.en.hasPrefix("missing 2 columns: 시간대구분 (TMZON_PD_SE), "))
    }

    @Test("A file that is not living population names all 32 columns")
    func notLivingPopulation() throws {
        let error = try #require(throws: LivingPopulationError.self) {
            try LivingPopulationColumns.locate(header: ["이름", "주소", "위도", "경도"])
        }
        #expect(error.message.ko.components(separatedBy: ", ").count == 32)
    }
}
