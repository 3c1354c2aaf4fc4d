import Foundation

extension SejongSynthetic {
    /// The fields of the national EV charger layout (한국환경공단 전기자동차 충전소 정보, `getChargerInfo`), in order.
    static let evChargerHeader = [
        "statNm", "statId", "chgerId", "chgerType", "addr", "location", "useTime", "lat", "lng", "busiId", "bnm", "busiNm", "busiCall",
        "stat", "statUpdDt", "lastTsdt", "lastTedt", "nowTsdt", "powerType", "output", "method", "zcode", "zscode", "kind", "kindDetail",
        "parkingFree", "note", "limitYn", "limitDetail", "delYn", "delDetail", "trafficYn",
    ]

    /// One synthetic charging station: where it is, what it is, and how many fast (DC) and slow (AC 7 kW) chargers it has.
    struct ChargingStation: Sendable {
        var area: String
        /// A landmark name, or nil to use disc `disc` of the area.
        var landmark: String?
        var disc: Int
        var name: String
        var road: Int
        var kindDetail: String
        var operatorID: String
        var fast: Int
        var slow: Int
    }

    /// Charging-point operators: 기관 ID, 기관명 and call centre.
    static let evOperators: [String: (name: String, call: String)] = [
        "ME": ("환경부", "1661-9408"), "KP": ("한국전력", "1899-2100"), "PI": ("GS차지비", "1544-4279"),
    ]

    /// 26 stations, 60 chargers: 16 stations (40 chargers) in the new town, heaviest at the government complex and the city
    /// hall; 7 (16) in 조치원읍; 3 (4) in the 면, the lake park counting as 연기면 as the 2021 boundaries have it.
    static let chargingStations: [ChargingStation] = [
        .init(area: "도담동", landmark: "정부세종청사", disc: 0, name: "정부세종청사 주차장", road: 2, kindDetail: "A001", operatorID: "ME", fast: 2, slow: 4),
        .init(area: "도담동", disc: 2, name: "도담동 행정복지센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "도담동", disc: 1, name: "도램마을 10단지 아파트", road: 3, kindDetail: "H001", operatorID: "PI", fast: 0, slow: 3),
        .init(area: "보람동", landmark: "세종특별자치시청", disc: 0, name: "세종특별자치시청 주차장", road: 0, kindDetail: "A001", operatorID: "ME", fast: 2, slow: 2),
        .init(area: "보람동", disc: 1, name: "호려울마을 5단지 아파트", road: 1, kindDetail: "H001", operatorID: "KP", fast: 0, slow: 2),
        .init(area: "새롬동", disc: 0, name: "나성동 공영주차장", road: 3, kindDetail: "B001", operatorID: "KP", fast: 2, slow: 1),
        .init(area: "새롬동", disc: 1, name: "새롬동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "한솔동", disc: 0, name: "한솔동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "한솔동", disc: 1, name: "첫마을 3단지 아파트", road: 1, kindDetail: "H001", operatorID: "PI", fast: 0, slow: 2),
        .init(area: "아름동", disc: 0, name: "아름동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "종촌동", disc: 0, name: "종촌동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "고운동", disc: 0, name: "고운동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "KP", fast: 1, slow: 1),
        .init(area: "소담동", disc: 1, name: "소담동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "소담동", disc: 0, name: "세종국책연구단지 주차장", road: 2, kindDetail: "A003", operatorID: "KP", fast: 2, slow: 0),
        .init(area: "대평동", disc: 0, name: "대평동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "다정동", disc: 0, name: "다정동 복합커뮤니티센터", road: 0, kindDetail: "A002", operatorID: "KP", fast: 1, slow: 1),
        .init(area: "조치원읍", landmark: "조치원역", disc: 1, name: "조치원역 공영주차장", road: 0, kindDetail: "B001", operatorID: "KP", fast: 2, slow: 1),
        .init(area: "조치원읍", disc: 0, name: "조치원읍 행정복지센터", road: 1, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 1),
        .init(area: "조치원읍", disc: 2, name: "세종전통시장 공영주차장", road: 2, kindDetail: "B001", operatorID: "ME", fast: 1, slow: 2),
        .init(area: "조치원읍", disc: 3, name: "조치원 체육공원 주차장", road: 3, kindDetail: "B002", operatorID: "PI", fast: 1, slow: 1),
        .init(area: "조치원읍", disc: 1, name: "침산리 공영주차장", road: 4, kindDetail: "B001", operatorID: "KP", fast: 0, slow: 2),
        .init(area: "조치원읍", disc: 2, name: "교리 공동주택 주차장", road: 1, kindDetail: "H001", operatorID: "PI", fast: 0, slow: 2),
        .init(area: "연기면", landmark: "세종호수공원", disc: 2, name: "세종호수공원 주차장", road: 0, kindDetail: "B002", operatorID: "ME", fast: 2, slow: 0),
        .init(area: "부강면", disc: 0, name: "부강면 행정복지센터", road: 2, kindDetail: "A002", operatorID: "ME", fast: 1, slow: 0),
        .init(area: "전의면", disc: 0, name: "전의면 행정복지센터", road: 1, kindDetail: "A002", operatorID: "KP", fast: 1, slow: 0),
        .init(area: "조치원읍", disc: 0, name: "세종특별자치시 조치원청사", road: 0, kindDetail: "A001", operatorID: "ME", fast: 1, slow: 1),
    ]

    /// Existing EV chargers in the national layout (see ``evChargerHeader``): one row per charger, 60 chargers at the 26
    /// ``chargingStations``. Fast chargers are DC combo (`04`) or DC차데모+AC3상+DC콤보 (`06`) of 50 or 100 kW, slow ones AC
    /// 완속 (`02`) of 7 kW. The snapshot is taken at 20:00 on the data date (2021-06-30): status is mostly 충전대기 (`2`,
    /// updated when the last charge ended), sometimes 충전중 (`3`, started 19:00–19:59 in `nowTsdt`), rarely 통신이상 (`1`) or
    /// 점검중 (`5`); the last charge ran between 06:00 and 18:59, 20–60 min on a fast charger, 1–5 h on a slow one.
    /// Apartment chargers are limited to residents. `note` says 합성 데이터. The same seed gives the same text.
    public static func evChargersCSV(seed: UInt64) -> String {
        let noise = SimulationNoise(seed: seed)
        let day = dataDate.replacingOccurrences(of: "-", with: "")
        let idOffset = pick(noise.unit("ev-id", 0), 0...9_999)
        var rows: [[String]] = []
        for (index, station) in chargingStations.enumerated() {
            let area = area(named: station.area), i = Int64(index)
            let disc = station.landmark.flatMap { landmarks[$0] } ?? place(area).discs[station.disc]
            let point = disc.point(noise.unit("ev-u", i), noise.unit("ev-v", i))
            let statID = station.operatorID + pad((idOffset + index * 7_919) % 10_000 + 360_000, 6)
            let address = roadAddress(area, road: station.road, number: 2 * pick(noise.unit("ev-no", i), 5...160), legal: index)
            let apartment = station.kindDetail.hasPrefix("H")
            let agency = evOperators[station.operatorID] ?? ("환경부", "1661-9408")
            for charger in 0..<(station.fast + station.slow) {
                let key = Int64(index * 100 + charger), fast = charger < station.fast
                let kilowatts = fast ? (noise.unit("ev-kw", key) < 0.6 ? 50 : 100) : 7
                let status = chargerStatus(noise.unit("ev-stat", key))
                let lastStart = pick(noise.unit("ev-last", key), 360...1_020)
                let lastEnd = min(1_139, lastStart + pick(noise.unit("ev-dur", key), fast ? 20...60 : 60...300))
                let now = status == "3" ? pick(noise.unit("ev-now", key), 1_140...1_199) : nil
                let updated = now ?? (status == "2" ? lastEnd : pick(noise.unit("ev-upd", key), 1_140...1_199))
                rows.append([
                    station.name, statID, pad(charger + 1, 2), fast ? (noise.unit("ev-type", key) < 0.7 ? "04" : "06") : "02", address,
                    apartment ? "지하주차장" : (fast ? "주차장 입구" : "주차장 안쪽"), station.kindDetail == "A001" ? "평일 09:00~18:00" : "24시간 이용가능",
                    degrees(point.lat), degrees(point.lon), station.operatorID, agency.name, agency.name, agency.call, status,
                    time(day, minute: updated),
                    time(day, minute: lastStart), time(day, minute: lastEnd), now.map { time(day, minute: $0) } ?? "",
                    fast ? "급속(\(kilowatts)kW)" : "완속", String(kilowatts), fast && station.fast > 1 ? "동시" : "단독", "36", "36110",
                    String(station.kindDetail.prefix(1)) + "0", station.kindDetail,
                    station.kindDetail == "B001" ? "N" : "Y", remark, apartment ? "Y" : "N", apartment ? "입주민 전용" : "",
                    "N", "", "N",
                ])
            }
        }
        return csv(evChargerHeader, rows)
    }

    /// A charger status code (1 통신이상, 2 충전대기, 3 충전중, 5 점검중) from a number in [0, 1).
    private static func chargerStatus(_ unit: Double) -> String {
        unit < 0.70 ? "2" : unit < 0.90 ? "3" : unit < 0.96 ? "1" : "5"
    }

    /// `YYYYMMDDHHMMSS` of a minute (0–1439) of the day `day` (YYYYMMDD).
    private static func time(_ day: String, minute: Int) -> String {
        day + pad(minute / 60, 2) + pad(minute % 60, 2) + "00"
    }
}
