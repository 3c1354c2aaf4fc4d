import Foundation
import MokminBase
import MokminCore
import MokminIngest

extension CitySimulator {
    /// A simulated message: when, where, how urgent, and what it says.
    struct SimulatedMessage {
        var serial: Int64
        /// Seconds since 1970 (UTC instant).
        var created: Int64
        var regions: String
        var level: DisasterLevel
        var kind: String
        var text: String
    }

    private static let guidance: [(kind: String, text: String)] = [
        ("폭염", "오늘 낮 최고 35도 내외 폭염특보 발효 중. 야외활동 자제, 충분한 물 마시기 등 건강관리에 유의 바랍니다."),
        ("교통", "도로공사로 한누리대로 보람동 구간 2개 차로를 통제합니다. 우회도로를 이용해 주시기 바랍니다."),
        ("화재", "조치원읍 공장 화재로 연기가 많이 발생하고 있습니다. 인근 주민은 창문을 닫는 등 안전에 유의 바랍니다."),
        ("기타", "세종호수공원 행사로 주변 교통 혼잡이 예상됩니다. 대중교통을 이용해 주시기 바랍니다."),
        ("호우", "호우주의보 발효 중. 하천변·산책로 이용을 자제하고 저지대 침수에 유의 바랍니다."),
    ]

    private static let emergencies: [(kind: String, text: String)] = [
        ("호우", "호우경보 발효. 금강·미호강 주변 저지대 주민은 즉시 안전한 곳으로 대피 바랍니다."),
        ("지진", "충북 청주시 인근 규모 4.1 지진 발생. 낙하물로부터 몸을 보호하고 여진에 유의 바랍니다."),
    ]

    /// Where messages go: mostly the whole city, sometimes a part of it or a list naming it, and sometimes only a
    /// neighbouring city (which the region filter must drop).
    private static let regions: [(share: Double, name: String, sender: String)] = [
        (0.55, "세종특별자치시 전체", "세종특별자치시"), (0.65, "세종특별자치시 조치원읍", "세종특별자치시"),
        (0.72, "대전광역시 유성구,세종특별자치시", "세종특별자치시"), (0.86, "대전광역시 유성구", "대전광역시"), (1.0, "충청남도 공주시", "공주시"),
    ]

    /// The messages created in the local hour numbered `hour` (0, 1 or 2 of them): about one hour in eight has a
    /// random message (1 in 10 of them 긴급재난), and one hour after the pollution episode starts each day there is a
    /// fine-dust guidance for the whole city.
    func messages(inHour hour: Int64) -> [SimulatedMessage] {
        var result: [SimulatedMessage] = []
        let start = hour * 3600 - LocalTime.offsetSeconds
        if noise.unit("message", hour) < 0.125 {
            let emergency = noise.unit("message-level", hour) < 0.1
            let pool = emergency ? Self.emergencies : Self.guidance
            let content = pool[Int(noise.unit("message-kind", hour) * Double(pool.count))]
            let draw = noise.unit("message-region", hour)
            let region = Self.regions.first { draw < $0.share } ?? Self.regions[0]
            let offset = Int64(noise.unit("message-second", hour) * 3000)
            result.append(
                SimulatedMessage(
                    serial: hour * 2, created: start + offset, regions: region.name, level: emergency ? .emergency : .safetyGuidance,
                    kind: content.kind, text: "[시뮬레이션][\(region.sender)] " + content.text))
        }
        if ((hour % 24) + 24) % 24 == Int64(episodeStartHour + 1) {
            result.append(
                SimulatedMessage(
                    serial: hour * 2 + 1, created: start + 3300, regions: "세종특별자치시 전체", level: .safetyGuidance, kind: "미세먼지",
                    text: "[시뮬레이션][세종특별자치시] 오늘 초미세먼지 농도가 높습니다. 외출 자제, 외출 시 보건용 마스크 착용 등 건강에 유의 바랍니다."))
        }
        return result
    }

    /// A safety data portal `DSSP-IF-00247` answer (JSON) as of `date`: the messages created in the 24 hours up to
    /// `date`, newest first, for Sejong and some neighbours, with `CRT_DT` `YYYY/MM/DD HH:mm:ss`.
    public func disasterResponse(at date: Date) -> Data {
        let now = Int64(date.timeIntervalSince1970.rounded(.down))
        let time = LocalTime(epochSeconds: now)
        let hour = time.dayNumber * 24 + Int64(time.hour)
        let candidates: [SimulatedMessage] = (0...24).flatMap { messages(inHour: hour - Int64($0)) }
        let recent = candidates.filter { $0.created <= now && $0.created > now - 86400 }.sorted { $0.created > $1.created }
        let items: [OrderedJSON] = recent.map { message in
            let created = Self.portalTime(message.created)
            let written = created + ".000000000"
            let fields: [(key: String, value: OrderedJSON)] = [
                ("MSG_CN", .string(message.text)), ("RCPTN_RGN_NM", .string(message.regions)), ("CRT_DT", .string(created)),
                ("REG_YMD", .string(written)), ("EMRG_STEP_NM", .string(message.level.rawValue)), ("SN", .number(String(message.serial))),
                ("DST_SE_NM", .string(message.kind)), ("MDFCN_YMD", .string(written)),
            ]
            return .object(fields)
        }
        let body: OrderedJSON = .object([
            ("header", .object([("resultMsg", .string("NORMAL SERVICE")), ("resultCode", .string("00")), ("errorMsg", .null)])),
            ("numOfRows", .number(String(max(items.count, 10)))), ("pageNo", .number("1")), ("totalCount", .number(String(items.count))),
            ("body", .array(items)),
        ])
        return Data(body.jsonText.utf8)
    }

    /// `YYYY/MM/DD HH:mm:ss` in Korean local time.
    static func portalTime(_ epochSeconds: Int64) -> String {
        let time = LocalTime(epochSeconds: epochSeconds)
        return time.iso.replacingOccurrences(of: "-", with: "/").replacingOccurrences(of: "T", with: " ")
    }
}
