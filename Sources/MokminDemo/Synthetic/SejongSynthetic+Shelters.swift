import Foundation

extension SejongSynthetic {
    /// The columns of the 행정안전부 지진옥외대피장소 layout written here, in order.
    static let shelterHeader = [
        "ARCD", "ACMDFCLTY_SN", "CTPRVN_NM", "SGG_NM", "VT_ACMDFCLTY_NM", "RDNMADR_CD", "BDONG_CD", "HDONG_CD", "DTL_ADRES", "FCLTY_AR",
        "XCORD", "YCORD", "MNGPS_NM", "MNGPS_TELNO", "VT_ACMD_PSBL_NMPR", "ACMDFCLTY_SE_CD", "LA", "LO",
    ]

    /// One synthetic outdoor shelter: a school ground (`1`), a park (`2`) or a sports ground (`3`) with its usable area.
    struct Shelter: Sendable {
        var area: String
        var disc: Int
        var landmark: String?
        var name: String
        var kind: String
        /// Usable open area in m² before the seed's ±6%.
        var squareMetres: Int
        var road: Int

        init(_ area: String, _ disc: Int, _ name: String, _ kind: String, _ squareMetres: Int, road: Int = 0, landmark: String? = nil) {
            (self.area, self.disc, self.name, self.kind, self.squareMetres, self.road, self.landmark) =
                (area, disc, name, kind, squareMetres, road, landmark)
        }
    }

    /// The people a shelter of `squareMetres` m² holds under the 1인당 0.825㎡ standard for outdoor shelters: ⌊area / 0.825⌋,
    /// computed exactly as ⌊area × 40 / 33⌋ (0.825 = 33/40, which a binary double cannot hold).
    static func shelterCapacity(squareMetres: Int) -> Int {
        squareMetres * 40 / 33
    }

    /// 43 shelters. Each 읍면동 can hold all its residents except three dense 동 of the western new town, left short on
    /// purpose so that a coverage analysis finds gaps: 고운동 (one school ground), 종촌동 (two small sites), 다정동 (one park).
    static let shelters: [Shelter] = [
        .init("조치원읍", 0, "조치원 공설운동장", "3", 21_000), .init("조치원읍", 1, "조치원초등학교 운동장", "1", 7_500, road: 1),
        .init("조치원읍", 2, "조치원중학교 운동장", "1", 6_200, road: 2), .init("조치원읍", 3, "세종고등학교 운동장", "1", 8_000, road: 3),
        .init("조치원읍", 1, "조치원 체육공원", "2", 15_000, road: 4),
        .init("한솔동", 0, "한솔초등학교 운동장", "1", 8_000), .init("한솔동", 2, "한솔고등학교 운동장", "1", 9_500, road: 1),
        .init("한솔동", 1, "첫마을 근린공원", "2", 12_000, road: 2),
        .init("새롬동", 0, "새롬초등학교 운동장", "1", 8_500), .init("새롬동", 1, "새롬고등학교 운동장", "1", 10_000, road: 1),
        .init("새롬동", 2, "나성 근린공원", "2", 14_000, road: 3),
        .init("도담동", 1, "도담초등학교 운동장", "1", 8_500), .init("도담동", 2, "도담고등학교 운동장", "1", 10_000, road: 1),
        .init("도담동", 0, "방축천 수변공원", "2", 16_000, road: 2, landmark: "정부세종청사"),
        .init("아름동", 0, "아름초등학교 운동장", "1", 8_000), .init("아름동", 2, "아름중학교 운동장", "1", 7_500, road: 1),
        .init("아름동", 1, "범지기 근린공원", "2", 12_000, road: 2),
        .init("종촌동", 0, "종촌초등학교 운동장", "1", 7_800), .init("종촌동", 1, "제천 근린공원", "2", 9_000, road: 2),
        .init("고운동", 1, "고운중학교 운동장", "1", 8_200, road: 1),
        .init("소담동", 1, "소담초등학교 운동장", "1", 8_500), .init("소담동", 3, "소담고등학교 운동장", "1", 9_800),
        .init("소담동", 0, "반곡 근린공원", "2", 13_000, road: 2),
        .init("보람동", 1, "보람초등학교 운동장", "1", 8_000, road: 1), .init("보람동", 2, "보람고등학교 운동장", "1", 9_000, road: 2),
        .init("보람동", 0, "호려울 근린공원", "2", 11_000),
        .init("대평동", 0, "해들초등학교 운동장", "1", 7_500), .init("대평동", 1, "금강 대평 둔치공원", "2", 18_000, road: 1),
        .init("다정동", 0, "가온 근린공원", "2", 9_000),
        .init("연기면", 2, "세종호수공원 잔디광장", "2", 20_000, landmark: "세종호수공원"),
        .init("연동면", 0, "연동초등학교 운동장", "1", 5_000),
        .init("부강면", 0, "부강초등학교 운동장", "1", 6_000), .init("부강면", 1, "부강중학교 운동장", "1", 5_500, road: 1),
        .init("금남면", 0, "금남초등학교 운동장", "1", 6_500), .init("금남면", 2, "금호중학교 운동장", "1", 6_000, road: 1),
        .init("장군면", 0, "장기초등학교 운동장", "1", 5_500), .init("장군면", 1, "장군면 체육공원", "3", 6_000, road: 1),
        .init("연서면", 0, "연서초등학교 운동장", "1", 6_000), .init("연서면", 1, "쌍류초등학교 운동장", "1", 4_500, road: 1),
        .init("전의면", 0, "전의초등학교 운동장", "1", 6_000), .init("전의면", 3, "전의중학교 운동장", "1", 5_800, road: 1),
        .init("전동면", 0, "전동초등학교 운동장", "1", 5_500),
        .init("소정면", 0, "소정초등학교 운동장", "1", 4_500),
    ]

    /// Earthquake outdoor shelters (지진옥외대피장소) in the 행정안전부 layout (see ``shelterHeader``): the 43 ``shelters``,
    /// numbered from 1 in `ACMDFCLTY_SN`. `FCLTY_AR` is the usable area in whole m² (the table's area ±6% by the seed),
    /// `VT_ACMD_PSBL_NMPR` = ⌊FCLTY_AR / 0.825⌋ (the 1인당 0.825㎡ standard), `XCORD`/`LO` the longitude and `YCORD`/`LA` the
    /// latitude. `ACMDFCLTY_SE_CD` is `1` school ground, `2` park, `3` sports ground. `ARCD` is Sejong's 10-digit code,
    /// `HDONG_CD` the 읍면동's 행정기관코드, `BDONG_CD` a 법정동코드 inside it, `RDNMADR_CD` a 12-digit road code made from
    /// the road name. The same seed gives the same text.
    public static func sheltersCSV(seed: UInt64) -> String {
        let noise = SimulationNoise(seed: seed)
        let rows = shelters.enumerated().map { index, shelter -> [String] in
            let area = area(named: shelter.area), place = place(area), i = Int64(index)
            let disc = shelter.landmark.flatMap { landmarks[$0] } ?? place.discs[shelter.disc]
            let point = disc.point(noise.unit("shelter-u", i), noise.unit("shelter-v", i))
            let squareMetres = Int((Double(shelter.squareMetres) * (1 + 0.06 * noise.signed("shelter-area", i))).rounded())
            let legal = index % place.legal.count
            let roadName = place.roads[shelter.road % place.roads.count]
            let roadCode = "36110" + pad(3_000_000 + Int(SimulationNoise.key(roadName) % 1_000_000), 7)
            let address = roadAddress(area, road: shelter.road, number: 2 * pick(noise.unit("shelter-no", i), 5...150) + 1, legal: legal)
            return [
                "3611000000", String(index + 1), "세종특별자치시", "세종특별자치시", shelter.name, roadCode, place.legal[legal].code,
                area.code10, address, String(squareMetres), degrees(point.lon), degrees(point.lat), "세종특별자치시 \(area.name)",
                cityPhone(noise.unit("shelter-tel", i)), String(shelterCapacity(squareMetres: squareMetres)), shelter.kind,
                degrees(point.lat), degrees(point.lon),
            ]
        }
        return csv(shelterHeader, rows)
    }
}
