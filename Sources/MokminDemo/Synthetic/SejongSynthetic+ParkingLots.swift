import Foundation

extension SejongSynthetic {
    /// The 34 columns of 전국주차장정보표준데이터 (the national parking-lot standard data), in order.
    static let parkingLotHeader = [
        "주차장관리번호", "주차장명", "주차장구분", "주차장유형", "소재지도로명주소", "소재지지번주소", "주차구획수", "급지구분", "부제시행구분", "운영요일",
        "평일운영시작시각", "평일운영종료시각", "토요일운영시작시각", "토요일운영종료시각", "공휴일운영시작시각", "공휴일운영종료시각", "요금정보",
        "주차기본시간", "주차기본요금", "추가단위시간", "추가단위요금", "1일주차권요금적용시간", "1일주차권요금", "월정기권요금", "결제방법", "특기사항",
        "관리기관명", "전화번호", "위도", "경도", "장애인전용주차구역보유여부", "데이터기준일자", "제공기관코드", "제공기관명",
    ]

    /// How many parking lots the synthetic city has.
    static let parkingLotCount = 200

    /// Lots per 읍면동, in ``areas`` order: 3 each, the other 140 shared in proportion to the people present on an average
    /// weekday, residents × (1 + daytime factor) / 2 (largest remainders, ties to the earlier area).
    static var parkingLotsPerArea: [Int] {
        let floor = 3, spare = parkingLotCount - floor * areas.count
        let weights = areas.map { Double($0.residents) * (1 + $0.daytimeFactor) / 2 }
        let total = weights.reduce(0, +)
        let exact = weights.map { Double(spare) * $0 / total }
        var counts = exact.map { Int($0) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), $1) > (exact[$1] - Double(counts[$1]), $0) }
        for i in order.prefix(spare - counts.reduce(0, +)) { counts[i] += 1 }
        return counts.map { $0 + floor }
    }

    /// Candidate sites: public parking lots (주차장구분 `공영`) in the 전국주차장정보표준데이터 layout (see
    /// ``parkingLotHeader``), 200 lots over all 20 읍면동 (``parkingLotsPerArea``: more where people are). The first lot of
    /// each 읍면동 is its community centre's; the others are off-street lots (노외, 60%), kerbside lots (노상, 25%) and park
    /// lots (15%), scattered over the 읍면동's discs in proportion to their radii. New-town and 조치원 lots are larger
    /// (40–400 spaces off-street) than rural ones (10–60); about half of the town lots charge from 09:00 to 21:00 every day
    /// (30 min 500원, then 200원 per 10 min), the rest and all rural lots are free and open all day. Lots with 50 or more
    /// spaces have disabled bays. 특기사항 says 합성 데이터. The lots serve as candidate sites for both new EV chargers and
    /// new shelters (about 12.5 m² of open ground per space). The same seed gives the same text.
    public static func parkingLotsCSV(seed: UInt64) -> String {
        let noise = SimulationNoise(seed: seed)
        var rows: [[String]] = []
        for (area, count) in zip(areas, parkingLotsPerArea) {
            for k in 0..<count { rows.append(parkingLot(area, k, serial: rows.count + 1, noise: noise)) }
        }
        return csv(parkingLotHeader, rows)
    }

    /// Lot number `serial` (1-based), the `k`-th of `area`.
    private static func parkingLot(_ area: Area, _ k: Int, serial: Int, noise: SimulationNoise) -> [String] {
        let place = place(area), i = Int64(serial)
        let town = area.kind != .rural
        let legal = pick(noise.unit("lot-legal", i), 0...(place.legal.count - 1))
        let (name, type) = lotName(area, k, placeName: place.legal[legal].name, unit: noise.unit("lot-type", i))
        let size = noise.unit("lot-size", i)
        let spaces = type == "노상" ? pick(size, 8...40) : town ? 40 + Int(360 * size * size) : pick(size, 10...60)
        let paid = town && noise.unit("lot-paid", i) < (type == "노상" ? 0.6 : 0.45)
        let grade = ["도담동", "새롬동", "보람동"].contains(area.name) ? "1" : town ? "2" : "3"
        let disc = weightedDisc(place, noise.unit("lot-disc", i))
        let point = disc.point(noise.unit("lot-u", i), noise.unit("lot-v", i))
        let hours = Array(repeating: paid ? ["09:00", "21:00"] : ["00:00", "23:59"], count: 3).flatMap { $0 }
        let fees =
            paid
            ? ["유료", "30", "500", "10", "200", type == "노외" ? "12" : "", type == "노외" ? "8000" : "", type == "노외" ? "60000" : ""]
            : ["무료", "0", "0", "0", "0", "", "", ""]
        let road = pick(noise.unit("lot-road", i), 0...(place.roads.count - 1))
        let sub = noise.unit("lot-sub", i) < 0.4 ? pick(noise.unit("lot-subno", i), 1...12) : 0
        return [
            "361-1-" + pad(serial, 6), name, "공영", type,
            roadAddress(area, road: road, number: pick(noise.unit("lot-no", i), 1...320), legal: legal),
            lotAddress(area, legal: legal, lot: pick(noise.unit("lot-lot", i), 1...999), sub: sub),
            String(spaces), grade, "미시행", "평일+토요일+공휴일",
        ] + hours + fees + [
            paid ? (noise.unit("lot-pay", i) < 0.5 ? "카드" : "현금+카드") : "", remark, "세종특별자치시", cityPhone(noise.unit("lot-tel", i)),
            degrees(point.lat), degrees(point.lon), type == "노외" && spaces >= 50 ? "Y" : "N", dataDate, "5690000", "세종특별자치시",
        ]
    }

    /// The name and 주차장유형 of the `k`-th lot of `area`: the community centre's first, then off-street, kerbside or park
    /// lots named after the 법정동 or 리 `placeName`.
    private static func lotName(_ area: Area, _ k: Int, placeName: String, unit: Double) -> (String, String) {
        if k == 0 { return ("\(area.name) \(area.kind == .newTown ? "복합커뮤니티센터" : "행정복지센터") 주차장", "노외") }
        if unit < 0.6 { return ("\(placeName) 제\(k)공영주차장", "노외") }
        if unit < 0.85 { return ("\(placeName) 노상공영주차장 \(k)", "노상") }
        return ("\(placeName) \(k)호 근린공원 주차장", "노외")
    }

    /// One of the place's discs, chosen with probability proportional to its radius.
    private static func weightedDisc(_ place: Place, _ unit: Double) -> Disc {
        let total = place.discs.map(\.radius).reduce(0, +)
        var left = unit * total
        for disc in place.discs {
            left -= disc.radius
            if left < 0 { return disc }
        }
        return place.discs[place.discs.count - 1]
    }
}
