import MokminCore
import Foundation
import Testing

@testable import MokminIngest

/// Recorded `DSSP-IF-00247` answers in the safety data portal's shape.
@Suite("Disaster message feed")
struct DisasterMessageFeedTests {
    static func message(
        sn: String, at time: String = "2026/07/28 14:05:10", region: String = "세종특별자치시 전체", level: String = "안전안내",
        text: String = "[세종특별자치시] 오늘 14시 폭염경보 발효. 야외활동을 자제하세요", modified: String = "2026/07/28 14:06:00.000000000"
    ) -> String {
        #"{"MSG_CN":"\#(text)","RCPTN_RGN_NM":"\#(region)","CRT_DT":"\#(time)","REG_YMD":"2026/07/28 14:05:31.000000000","EMRG_STEP_NM":"\#(level)","SN":\#(sn),"DST_SE_NM":"폭염","MDFCN_YMD":"\#(modified)"}"#
    }

    static func response(_ items: [String]) -> Data {
        Data(
            #"{"header":{"resultMsg":"NORMAL SERVICE","resultCode":"00","errorMsg":null},"numOfRows":10,"pageNo":1,"totalCount":\#(items.count),"body":[\#(items.joined(separator: ","))]}"#
                .utf8)
    }

    @Test("The portal's shape: times to ISO, regions split and trimmed, level, kind, registration dates")
    func portalShape() throws {
        let result = try DisasterMessageFeed.parse(Self.response([Self.message(sn: "266798", region: "충청남도 천안시, 세종특별자치시 ")]))
        #expect(result.issues.isEmpty)
        let message = try #require(result.items.first)
        #expect(message.serial == "266798" && message.createdAt == "2026-07-28T14:05:10")
        #expect(message.regions == ["충청남도 천안시", "세종특별자치시"])
        #expect(message.level == .safetyGuidance && message.kind == "폭염")
        #expect(message.registeredOn == "2026-07-28T14:05:31" && message.modifiedOn == "2026-07-28T14:06:00")
    }

    @Test("The data.go.kr envelope and the older DisasterMsg head/row layout are read; a plain date stays a date")
    func otherShapes() throws {
        let item = Self.message(sn: "\"7\"").replacingOccurrences(of: "2026/07/28 14:05:31.000000000", with: "20260728")
        let envelope = #"{"response":{"header":{"resultCode":"00","resultMsg":"OK"},"body":{"items":{"item":\#(item)}}}}"#
        let legacy =
            #"{"DisasterMsg":[{"head":[{"totalCount":1},{"RESULT":{"resultCode":"INFO-0","resultMsg":"NORMAL SERVICE"}}]},{"row":[\#(item)]}]}"#
        for body in [envelope, legacy] {
            let result = try DisasterMessageFeed.parse(Data(body.utf8))
            #expect(result.items.map(\.serial) == ["7"] && result.issues.isEmpty)
            #expect(result.items.first?.registeredOn == "2026-07-28")
        }
    }

    @Test("A failure answer (body null, code in the header) is an API error; malformed JSON is not JSON")
    func failures() throws {
        let body = Data(
            #"{"header":{"resultMsg":"SERVICE KEY IS NOT REGISTERED ERROR","resultCode":"30","errorMsg":"등록되지 않은 서비스키"},"body":null}"#.utf8)
        #expect(code(body) == .apiError(resultCode: "30", resultMessage: "SERVICE KEY IS NOT REGISTERED ERROR"))
        #expect(code(Data(#"{"header":{"resultCode":"00"},"body":[{"SN":1,"#.utf8)) == .notJSON)
    }

    @Test("Items lacking fields or with an unknown level are issues naming the field; the rest is kept")
    func badItems() throws {
        let noText = Self.message(sn: "2").replacingOccurrences(of: #""MSG_CN":"[세종특별자치시] 오늘 14시 폭염경보 발효. 야외활동을 자제하세요","#, with: "")
        let badLevel = Self.message(sn: "3", level: "경계")
        let badTime = Self.message(sn: "4", at: "어제 오후")
        let result = try DisasterMessageFeed.parse(Self.response([Self.message(sn: "1"), noText, badLevel, badTime, "null"]))
        #expect(result.items.map(\.serial) == ["1"])
        #expect(result.issues.map(\.index) == [1, 2, 3, 4])
        #expect(result.issues.map(\.field) == ["MSG_CN", "EMRG_STEP_NM", "CRT_DT", nil])
    }

    @Test("De-duplication by serial keeps first-seen order and the copy modified last")
    func deduplication() throws {
        let result = try DisasterMessageFeed.parse(
            Self.response([
                Self.message(sn: "1"), Self.message(sn: "2"), Self.message(sn: "1", text: "정정: 폭염주의보", modified: "2026/07/28 15:00:00.000000000"),
                Self.message(sn: "1", text: "이전 판", modified: "2026/07/28 14:00:00.000000000"),
            ]))
        let unique = DisasterMessage.deduplicated(result.items)
        #expect(unique.map(\.serial) == ["1", "2"])
        #expect(unique[0].text == "정정: 폭염주의보")
    }

    @Test("Levels are ordered by severity and read without spaces")
    func levels() {
        #expect(DisasterLevel.safetyGuidance < .emergency && DisasterLevel.emergency < .extremeEmergency)
        #expect(DisasterLevel(text: "긴급 재난") == .emergency && DisasterLevel(text: "경보") == nil)
        #expect(DisasterLevel.allCases.map(\.severity) == [1, 2, 3])
    }

    @Test("The region filter: the whole city, a part of it, a list naming it, the whole province, nationwide; not a neighbour")
    func regionFilter() {
        let sejong = DisasterMessageFilter.forRegions(["세종특별자치시"])
        for region in ["세종특별자치시 전체", "세종특별자치시", "세종특별자치시 조치원읍", "충청남도 천안시,세종특별자치시", "전국"] {
            let message = DisasterMessage(
                serial: "1", createdAt: "2026-07-28T14:00:00", text: "t", regions: DisasterMessageFeed.splitRegions(region), level: .emergency)
            #expect(sejong.matches(message), "\(region)")
        }
        for region in ["충청남도 천안시", "대전광역시 유성구", "세종", "충청남도 전체"] { #expect(!sejong.matches(region), "\(region)") }
        let cheonan = DisasterMessageFilter.forRegions(["충청남도 천안시"])
        #expect(cheonan.matches("충청남도 전체") && cheonan.matches("충청남도 천안시 동남구") && !cheonan.matches("충청남도 공주시"))
        #expect(!DisasterMessageFilter.forRegions([]).matches("전국"))
    }

    private func code(_ data: Data) -> FeedError.Code? {
        do {
            _ = try DisasterMessageFeed.parse(data)
            return nil
        } catch {
            return error.code
        }
    }
}
