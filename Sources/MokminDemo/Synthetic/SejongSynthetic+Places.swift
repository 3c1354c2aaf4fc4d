import Foundation
import MokminGeo

extension SejongSynthetic {
    /// A disc that lies wholly inside one 읍면동: its centre and the distance (metres) from the centre to the boundary.
    struct Disc: Sendable {
        var centre: GeoPoint
        var radius: Double

        /// A point spread evenly over the inner 80% of the disc, from two numbers in [0, 1).
        func point(_ u: Double, _ v: Double) -> GeoPoint {
            let r = 0.8 * radius * u.squareRoot(), angle = 2 * Double.pi * v
            let lat = centre.lat + r * sin(angle) / 110_574
            return GeoPoint(lon: centre.lon + r * cos(angle) / (111_320 * cos(centre.lat * .pi / 180)), lat: lat)
        }
    }

    /// What the generators need to place and address things in one 읍면동.
    struct Place: Sendable {
        /// Four well-spread discs inside the 읍면동, the widest first (computed once from the boundary file: the first is
        /// the pole of inaccessibility, each next one the grid point that best balances clearance and distance to the others).
        var discs: [Disc]
        /// The 법정동 of a 동, or the 리 of a 읍면, main one first, with their 10-digit 법정동코드.
        var legal: [(name: String, code: String)]
        /// Road names (도로명) used in the synthetic addresses.
        var roads: [String]
        /// The 마을 name of the new-town apartment blocks (행복도시 마을 names), nil for 읍면.
        var village: String?
    }

    /// Named spots where a facility of the same name is expected, each inside the 읍면동 that the tables give it.
    static let landmarks: [String: Disc] = [
        "정부세종청사": Disc(centre: GeoPoint(lon: 127.2620, lat: 36.5040), radius: 150),
        "세종특별자치시청": Disc(centre: GeoPoint(lon: 127.2890, lat: 36.4800), radius: 60),
        "조치원역": Disc(centre: GeoPoint(lon: 127.2965, lat: 36.6010), radius: 150),
        "세종호수공원": Disc(centre: GeoPoint(lon: 127.2750, lat: 36.4980), radius: 150),
    ]

    /// The place data of every area, by name.
    static let places: [String: Place] = [
        "조치원읍": rural(
            "3611025", ["원리", "교리", "정리", "남리", "상리", "침산리", "신흥리", "번암리"], ["세종로", "조치원로", "새내로", "충현로", "장안로"],
            d(127.28641, 36.60984, 1323), d(127.29503, 36.59470, 816), d(127.28372, 36.62300, 706), d(127.27241, 36.61642, 587)),
        "연기면": rural(
            "3611031", ["연기리", "세종리", "보통리", "눌왕리"], ["다솜로", "세종로", "연기로"],
            d(127.29737, 36.51485, 1692), d(127.28388, 36.53760, 1243), d(127.28388, 36.49210, 1141), d(127.22841, 36.54301, 1003)),
        "연동면": rural(
            "3611032", ["내판리", "명학리", "응암리", "예양리"], ["연동로", "청연로"],
            d(127.32280, 36.54666, 2204), d(127.34179, 36.52812, 1213), d(127.31901, 36.56830, 1103), d(127.34559, 36.55130, 952)),
        "부강면": rural(
            "3611033", ["부강리", "금호리", "등곡리", "행산리"], ["부강외천로", "문곡로", "부강로"],
            d(127.38104, 36.52650, 1595), d(127.39467, 36.50740, 1121), d(127.36741, 36.50132, 1046), d(127.36871, 36.54474, 1060)),
        "금남면": rural(
            "3611034", ["용포리", "영대리", "부용리", "봉기리", "성덕리"], ["금남구즉로", "용포로", "금남로"],
            d(127.31146, 36.45151, 2955), d(127.25562, 36.43764, 2387), d(127.34191, 36.47420, 1667), d(127.28777, 36.43386, 1414)),
        "장군면": rural(
            "3611035", ["금암리", "봉안리", "대교리", "하봉리"], ["장척로", "장군로"],
            d(127.20057, 36.50929, 2082), d(127.21648, 36.47750, 1770), d(127.19555, 36.53472, 1295), d(127.21397, 36.45047, 1140)),
        "연서면": rural(
            "3611036", ["봉암리", "월하리", "쌍류리", "국촌리", "신대리"], ["연서로", "쌍류로", "월하로"],
            d(127.24718, 36.58061, 3085), d(127.21577, 36.60234, 1702), d(127.27991, 36.56935, 1414), d(127.24849, 36.60636, 1329)),
        "전의면": rural(
            "3611037", ["읍내리", "신정리", "서정리", "유천리", "동교리"], ["왕의물로", "전의로", "읍내로"],
            d(127.18692, 36.68429, 2092), d(127.18140, 36.63303, 2044), d(127.21560, 36.69995, 1412), d(127.17478, 36.65866, 1333)),
        "전동면": rural(
            "3611038", ["노장리", "송성리", "청송리", "봉대리"], ["전동로", "청송로", "노장로"],
            d(127.24163, 36.64857, 3229), d(127.28086, 36.67114, 1954), d(127.24877, 36.67475, 1318), d(127.26422, 36.63232, 1300)),
        "소정면": rural(
            "3611039", ["소정리", "대곡리", "고등리", "운당리"], ["소정로", "대곡로"],
            d(127.18950, 36.71609, 1286), d(127.16548, 36.72057, 998), d(127.14323, 36.70862, 755), d(127.14768, 36.69668, 619)),
        "한솔동": town(
            [("한솔동", "3611010600"), ("가람동", "3611010500")], ["노을3로", "누리로", "한누리대로", "노을1로"], "첫마을",
            d(127.24858, 36.47269, 740), d(127.25414, 36.47825, 364), d(127.24682, 36.46643, 331), d(127.24125, 36.47129, 308)),
        "새롬동": town(
            [("새롬동", "3611010800"), ("나성동", "3611010700")], ["새롬로", "새롬중앙로", "한누리대로", "나성북1로"], "새뜸마을",
            d(127.26576, 36.48538, 550), d(127.24848, 36.48538, 542), d(127.25693, 36.48794, 367), d(127.26269, 36.49032, 267)),
        "도담동": town(
            [("도담동", "3611011400"), ("어진동", "3611011000")], ["도움1로", "도움3로", "도움6로", "갈매로"], "도램마을",
            d(127.26314, 36.50286, 709), d(127.26172, 36.53158, 672), d(127.25935, 36.51435, 578), d(127.25081, 36.53273, 470)),
        "아름동": town(
            [("아름동", "3611011300")], ["아름로", "달빛로", "아름서길"], "범지기마을",
            d(127.24692, 36.51653, 484), d(127.25218, 36.52298, 384), d(127.24802, 36.51076, 305), d(127.25789, 36.52390, 237)),
        "종촌동": town(
            [("종촌동", "3611011100")], ["종촌로", "도움8로", "제천로"], "가재마을",
            d(127.24658, 36.50372, 481), d(127.25211, 36.50131, 252), d(127.25130, 36.50536, 207), d(127.24365, 36.50689, 197)),
        "고운동": town(
            [("고운동", "3611011200")], ["고운로", "가름로", "가름2로"], "가락마을",
            d(127.23921, 36.52670, 747), d(127.23361, 36.51398, 677), d(127.23613, 36.50484, 457), d(127.23333, 36.52113, 376)),
        "소담동": town(
            [("소담동", "3611010200"), ("반곡동", "3611010100")], ["소담1로", "한누리대로", "반곡로"], "새샘마을",
            d(127.32194, 36.49677, 1192), d(127.30543, 36.48653, 827), d(127.33479, 36.50465, 595), d(127.31889, 36.48613, 587)),
        "보람동": town(
            [("보람동", "3611010300")], ["한누리대로", "보듬7로", "보듬3로", "시청대로"], "호려울마을",
            d(127.29141, 36.47790, 451), d(127.28460, 36.47639, 299), d(127.29352, 36.48166, 217), d(127.29611, 36.47850, 202)),
        "대평동": town(
            [("대평동", "3611010400")], ["대평로", "보듬4로", "한누리대로"], "해들마을",
            d(127.27109, 36.46913, 478), d(127.27954, 36.47193, 370), d(127.27416, 36.47311, 228), d(127.26598, 36.46765, 211)),
        "다정동": town(
            [("다정동", "3611010900")], ["다정중앙로", "다정북로", "다정남로"], "가온마을",
            d(127.24412, 36.49450, 536), d(127.25198, 36.49464, 314), d(127.23935, 36.49755, 247), d(127.24075, 36.49093, 228)),
    ]

    private static func d(_ lon: Double, _ lat: Double, _ radius: Double) -> Disc {
        Disc(centre: GeoPoint(lon: lon, lat: lat), radius: radius)
    }

    /// A 읍면 whose 리 take the 읍면's first 8 code digits (`prefix` + `0`) followed by `21`, `22`, … in list order.
    private static func rural(_ prefix: String, _ ri: [String], _ roads: [String], _ discs: Disc...) -> Place {
        Place(discs: discs, legal: ri.enumerated().map { ($1, prefix + "0" + String($0 + 21)) }, roads: roads, village: nil)
    }

    private static func town(_ legal: [(name: String, code: String)], _ roads: [String], _ village: String, _ discs: Disc...) -> Place {
        Place(discs: discs, legal: legal, roads: roads, village: village)
    }

    /// The place data of `area`.
    static func place(_ area: Area) -> Place {
        guard let place = places[area.name] else { preconditionFailure("no place data for \(area.name)") }
        return place
    }

    /// A 도로명주소 as the portal writes it: `세종특별자치시 한누리대로 2130 (보람동)` in a 동, `세종특별자치시 부강면 부강로 12`
    /// in a 읍면.
    static func roadAddress(_ area: Area, road: Int, number: Int, legal: Int = 0) -> String {
        let place = place(area)
        let roadName = place.roads[road % place.roads.count]
        if area.kind == .newTown { return "세종특별자치시 \(roadName) \(number) (\(place.legal[legal % place.legal.count].name))" }
        return "세종특별자치시 \(area.name) \(roadName) \(number)"
    }

    /// A 지번주소: `세종특별자치시 도담동 512` in a 동, `세종특별자치시 조치원읍 원리 45-3` in a 읍면.
    static func lotAddress(_ area: Area, legal: Int, lot: Int, sub: Int) -> String {
        let place = place(area)
        let legalName = place.legal[legal % place.legal.count].name
        let number = sub > 0 ? "\(lot)-\(sub)" : "\(lot)"
        if area.kind == .newTown { return "세종특별자치시 \(legalName) \(number)" }
        return "세종특별자치시 \(area.name) \(legalName) \(number)"
    }
}
