import Foundation
import MokminCore
import Testing

@testable import MokminIngest

@Suite("Type inference")
struct TypeInferenceTests {
    /// Infers types for columns given as name → values (rows are formed by position).
    private func infer(_ columns: [(String, [String?])], isRegionCode: (@Sendable (String) -> Bool)? = nil) -> [InferredColumn] {
        var inference = TypeInference(header: columns.map(\.0), isRegionCode: isRegionCode)
        let count = columns.map(\.1.count).max() ?? 0
        for row in 0..<count {
            inference.observe(RawRow(line: row + 2, fields: columns.map { row < $0.1.count ? $0.1[row] : nil }))
        }
        return inference.result()
    }

    private func type(_ name: String, _ values: [String?]) -> ColumnType {
        infer([(name, values)])[0].type
    }

    @Test("Basic types, and a column whose values disagree is text")
    func basics() {
        #expect(type("인구", ["10", "-3", "1,234"]) == .integer)
        #expect(type("면적", ["10", "2.5", "1,234.5"]) == .decimal)
        #expect(type("개방", ["Y", "N", "y"]) == .boolean)
        #expect(type("개방", ["예", "아니오"]) == .boolean)
        #expect(type("메모", ["10", "abc"]) == .text)
        #expect(type("여부", ["true", "1"]) == .text)
        #expect(type("구분코드", ["0101", "0202"]) == .text)
        #expect(type("빈", [nil, "-", ""]) == .text)
    }

    @Test("Missing markers become null and are counted; samples are the first distinct values")
    func nullsAndSamples() {
        let column = infer([("인구", ["1", "-", "*", "NULL", "", nil, "2", "1", "3", "4", "5", "6"])])[0]
        #expect(column.type == .integer)
        #expect(column.nullCount == 5)
        #expect(column.sampleValues == ["1", "2", "3", "4", "5"])
    }

    @Test("Dates: separated forms anywhere; 8 digits only in a column named like a date")
    func dates() {
        #expect(type("값", ["2026-07-28", "2026.07.29", "2026/07/30"]) == .date)
        #expect(type("기준일ID", ["20260728", "20260729"]) == .date)
        #expect(type("STDR_DE", ["20260728"]) == .date)
        #expect(type("측정값", ["20260728", "20260729"]) == .integer)
        #expect(type("값", ["2026-07-28", "abc"]) == .text)
    }

    @Test("Date-times, including 24:00, digit forms by name, and dates mixed in")
    func dateTimes() {
        #expect(type("측정일시", ["2026-07-28 17:00", "2026-07-28 24:00", "2026-07-29"]) == .dateTime)
        #expect(type("값", ["2026/07/28 17:00:00", "2026-07-28T18:00:00"]) == .dateTime)
        #expect(type("dataTime", ["202607281700", "202607281800"]) == .dateTime)
        #expect(type("건수", ["202607281700"]) == .integer)
    }

    @Test("Region codes by name, or checked against a registry")
    func regionCodes() {
        #expect(type("행정동코드", ["11110515", "11110530"]) == .regionCode)
        #expect(type("ADSTRD_CD", ["1111051500"]) == .regionCode)
        #expect(type("시도코드", ["11", "26"]) == .regionCode)
        #expect(type("행정동코드", ["11110515", "123"]) == .integer)
        #expect(type("번호", ["11110515"]) == .integer)
        let known: Set<String> = ["1111051500", "1111053000"]
        let registry: @Sendable (String) -> Bool = { known.contains(RegionCode.expandMOIS($0) ?? "") }
        #expect(infer([("동", ["11110515", "11110530"])], isRegionCode: registry)[0].type == .regionCode)
        #expect(infer([("업종코드", ["12345", "67890"])], isRegionCode: registry)[0].type == .integer)
        #expect(infer([("동", ["11", "26"])], isRegionCode: { _ in true })[0].type == .integer)
    }

    @Test("Longitude and latitude by name, or by Korean ranges when they come as a pair")
    func coordinates() {
        let named = infer([("경도", ["126.97", "127.01"]), ("위도", ["37.56", "37.58"]), ("x", ["127", "128"]), ("Y좌표", ["451234.5"])])
        #expect(named.map(\.type) == [.longitude, .latitude, .longitude, .decimal])
        let paired = infer([("a", ["126.9784", "127.0012"]), ("b", ["37.5665", "37.5012"])])
        #expect(paired.map(\.type) == [.longitude, .latitude])
        #expect(infer([("최고기온", ["33.5", "35.1"])])[0].type == .decimal)
        #expect(infer([("a", ["126", "127"]), ("b", ["37", "38"])]).map(\.type) == [.integer, .integer])
    }
}
