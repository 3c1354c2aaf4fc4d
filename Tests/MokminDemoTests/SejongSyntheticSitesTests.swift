import Foundation
import MokminGeo
import Testing

@testable import MokminDemo
@testable import MokminIngest

@Suite("Synthetic Sejong: chargers, shelters and parking lots")
struct SejongSyntheticSitesTests {
    static let seeds: [UInt64] = [1, 7, 2026]

    @Test("EV chargers: the 32 fields verbatim, 60 chargers at 26 stations, each inside the 읍면동 of its address", arguments: seeds)
    func chargers(seed: UInt64) throws {
        let table = SejongFixture.Table(SejongSynthetic.evChargersCSV(seed: seed))
        #expect(
            table.header == [
                "statNm", "statId", "chgerId", "chgerType", "addr", "location", "useTime", "lat", "lng", "busiId", "bnm", "busiNm",
                "busiCall", "stat", "statUpdDt", "lastTsdt", "lastTedt", "nowTsdt", "powerType", "output", "method", "zcode", "zscode",
                "kind", "kindDetail", "parkingFree", "note", "limitYn", "limitDetail", "delYn", "delDetail", "trafficYn",
            ])
        #expect(table.rows.count == 60 && table.widths.allSatisfy { $0 == 32 })
        #expect(Set(table.rows.map { $0["statId"] ?? "" }).count == 26)
        #expect(Set(table.rows.map { ($0["statId"] ?? "") + "/" + ($0["chgerId"] ?? "") }).count == 60)
        var perArea: [String: Int] = [:]
        for row in table.rows {
            let point = try #require(table.point(row, lat: "lat", lon: "lng"))
            let named = try #require(SejongFixture.areaName(address: row["addr"] ?? ""))
            #expect(SejongFixture.polygon(named: named)?.contains(point) == true, "\(row["statNm"] ?? "") at \(point)")
            perArea[named, default: 0] += 1
            #expect(row["note"]?.contains("합성") == true && row["zscode"] == "36110")
            #expect(["02", "04", "06"].contains(row["chgerType"] ?? "") && ["1", "2", "3", "5"].contains(row["stat"] ?? ""))
            #expect((row["stat"] == "3") == !(row["nowTsdt"] ?? "").isEmpty)
            #expect(row["statUpdDt"]?.count == 14 && row["statUpdDt"]?.hasPrefix("20210630") == true)
        }
        let kinds = Dictionary(uniqueKeysWithValues: SejongSynthetic.areas.map { ($0.name, $0.kind) })
        let rural = perArea.filter { kinds[$0.key] == .rural }.values.reduce(0, +)
        let town = perArea.filter { kinds[$0.key] != .rural }.values.reduce(0, +)
        #expect(rural <= 4 && town >= 56, "clustered in the new town and 조치원")
        #expect(perArea.filter { kinds[$0.key] == .rural }.count <= 3)
        let newTown = perArea.filter { kinds[$0.key] == .newTown }
        #expect(perArea["도담동"] == newTown.values.max(), "the government complex has the most chargers of the new town")
        #expect(newTown.count == 10, "every new-town 동 has some")
    }

    @Test("Shelters: the 18 columns verbatim, capacity ⌊area / 0.825⌋, inside their 행정동, short in three 동", arguments: seeds)
    func shelters(seed: UInt64) throws {
        let table = SejongFixture.Table(SejongSynthetic.sheltersCSV(seed: seed))
        #expect(
            table.header == [
                "ARCD", "ACMDFCLTY_SN", "CTPRVN_NM", "SGG_NM", "VT_ACMDFCLTY_NM", "RDNMADR_CD", "BDONG_CD", "HDONG_CD", "DTL_ADRES",
                "FCLTY_AR", "XCORD", "YCORD", "MNGPS_NM", "MNGPS_TELNO", "VT_ACMD_PSBL_NMPR", "ACMDFCLTY_SE_CD", "LA", "LO",
            ])
        #expect(table.rows.count == 43 && table.widths.allSatisfy { $0 == 18 })
        var capacity: [String: Int] = [:]
        for row in table.rows {
            let area = try #require(row["FCLTY_AR"].flatMap(Int.init)), people = try #require(row["VT_ACMD_PSBL_NMPR"].flatMap(Int.init))
            #expect(people == area * 40 / 33 && people == Int((Decimal(area) / Decimal(string: "0.825")!).description.split(separator: ".")[0]))
            let point = try #require(table.point(row, lat: "LA", lon: "LO"))
            #expect(table.point(row, lat: "YCORD", lon: "XCORD") == point)
            let polygon = try #require(SejongFixture.polygons[row["HDONG_CD"] ?? ""])
            #expect(polygon.area.contains(point), "\(row["VT_ACMDFCLTY_NM"] ?? "") at \(point)")
            #expect(SejongFixture.areaName(address: row["DTL_ADRES"] ?? "") == polygon.name)
            #expect(row["BDONG_CD"]?.hasPrefix("36110") == true && row["RDNMADR_CD"]?.count == 12)
            capacity[polygon.name, default: 0] += people
        }
        let short = SejongSynthetic.areas.filter { capacity[$0.name, default: 0] < $0.residents }.map(\.name)
        #expect(Set(short) == ["고운동", "종촌동", "다정동"])
        #expect(Set(table.rows.map { $0["HDONG_CD"] ?? "" }).count == 20, "every 읍면동 has at least one shelter")
    }

    @Test("Parking lots: the 34 standard columns, 200 public lots over all 읍면동, more where people are", arguments: seeds)
    func parkingLots(seed: UInt64) throws {
        let table = SejongFixture.Table(SejongSynthetic.parkingLotsCSV(seed: seed))
        #expect(
            table.header == [
                "주차장관리번호", "주차장명", "주차장구분", "주차장유형", "소재지도로명주소", "소재지지번주소", "주차구획수", "급지구분", "부제시행구분", "운영요일",
                "평일운영시작시각", "평일운영종료시각", "토요일운영시작시각", "토요일운영종료시각", "공휴일운영시작시각", "공휴일운영종료시각", "요금정보",
                "주차기본시간", "주차기본요금", "추가단위시간", "추가단위요금", "1일주차권요금적용시간", "1일주차권요금", "월정기권요금", "결제방법",
                "특기사항", "관리기관명", "전화번호", "위도", "경도", "장애인전용주차구역보유여부", "데이터기준일자", "제공기관코드", "제공기관명",
            ])
        #expect(table.rows.count == 200 && table.widths.allSatisfy { $0 == 34 })
        #expect(Set(table.rows.map { $0["주차장관리번호"] ?? "" }).count == 200 && Set(table.rows.map { $0["주차장명"] ?? "" }).count == 200)
        var perArea: [String: Int] = [:]
        for row in table.rows {
            let point = try #require(table.point(row, lat: "위도", lon: "경도"))
            let named = try #require(SejongFixture.areaName(address: row["소재지지번주소"] ?? ""))
            #expect(SejongFixture.areaName(address: row["소재지도로명주소"] ?? "") == named)
            #expect(SejongFixture.polygon(named: named)?.contains(point) == true, "\(row["주차장명"] ?? "") at \(point)")
            perArea[named, default: 0] += 1
            #expect(row["주차장구분"] == "공영" && ["노외", "노상"].contains(row["주차장유형"] ?? ""))
            #expect(row["특기사항"]?.contains("합성") == true && row["데이터기준일자"] == "2021-06-30")
            #expect(["무료", "유료"].contains(row["요금정보"] ?? "") && (row["주차구획수"].flatMap(Int.init) ?? 0) >= 8)
        }
        #expect(perArea.count == 20 && perArea.values.allSatisfy { $0 >= 3 })
        #expect(perArea["도담동", default: 0] > 3 * perArea["소정면", default: 0])
        #expect(perArea["조치원읍", default: 0] > perArea["연동면", default: 0])
        let expected = Dictionary(uniqueKeysWithValues: zip(SejongSynthetic.areas.map(\.name), SejongSynthetic.parkingLotsPerArea))
        #expect(perArea == expected)
    }
}
