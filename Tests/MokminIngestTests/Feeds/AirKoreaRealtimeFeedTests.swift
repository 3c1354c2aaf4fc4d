import MokminCore
import Foundation
import MokminGeo
import Testing

@testable import MokminIngest

/// Recorded `getCtprvnRltmMesureDnsty` answers in the published shape (ver 1.3, `returnType=json`).
@Suite("AirKorea real-time feed")
struct AirKoreaRealtimeFeedTests {
    static func response(_ items: String, code: String = "00", message: String = "NORMAL_CODE") -> Data {
        Data(
            #"{"response":{"body":{"totalCount":2,"items":[\#(items)],"pageNo":1,"numOfRows":100},"header":{"resultMsg":"\#(message)","resultCode":"\#(code)"}}}"#
                .utf8)
    }

    static let areum = #"""
        {"so2Grade":"1","coFlag":null,"khaiValue":"62","so2Value":"0.003","coValue":"0.4","pm10Flag":null,"o3Grade":"2",
         "pm10Value":"42","khaiGrade":"2","pm25Value":"21","sidoName":"세종","no2Flag":null,"no2Grade":"1","o3Flag":null,
         "pm25Grade":"2","so2Flag":null,"dataTime":"2026-07-28 17:00","coGrade":"1","no2Value":"0.018","stationName":"아름동",
         "pm10Grade":"2","o3Value":"0.041","mangName":"도시대기","pm10Value24":"38","pm25Value24":"17","pm10Grade1h":"2",
         "pm25Grade1h":"3","pm25Flag":null}
        """#

    private func reading(_ result: FeedParseResult<FeedReading>, _ series: String) throws -> FeedReading {
        try #require(result.items.first { $0.series == series }, "no reading \(series)")
    }

    @Test("A valid item gives seven readings with values, 1-hour grades where given, and the data time")
    func validItem() throws {
        let location = GeoPoint(lon: 127.247, lat: 36.514)
        let result = try AirKoreaRealtimeFeed.parse(Self.response(Self.areum), stationLocations: ["아름동": location])
        #expect(result.issues.isEmpty)
        #expect(result.items.map(\.metric) == ["pm10", "pm25", "o3", "no2", "co", "so2", "khai"])
        let pm25 = try reading(result, "air/아름동/pm25")
        #expect(pm25.value == 21 && pm25.grade == 3 && pm25.time == "2026-07-28T17:00:00" && !pm25.flagged)
        #expect(pm25.source == "아름동" && pm25.location == location)
        #expect(try reading(result, "air/아름동/o3").value == 0.041)
        #expect(try reading(result, "air/아름동/khai").grade == 2)
    }

    @Test("'-' is a missing value; a non-empty Flag withdraws the value and marks it flagged")
    func missingAndFlagged() throws {
        let item = Self.areum.replacingOccurrences(of: #""pm10Value":"42""#, with: #""pm10Value":"-""#)
            .replacingOccurrences(of: #""pm10Grade1h":"2""#, with: #""pm10Grade1h":"""#)
            .replacingOccurrences(of: #""pm10Grade":"2""#, with: #""pm10Grade":"""#)
            .replacingOccurrences(of: #""o3Flag":null"#, with: #""o3Flag":"점검및교정""#)
        let result = try AirKoreaRealtimeFeed.parse(Self.response(item))
        #expect(result.issues.isEmpty)
        let pm10 = try reading(result, "air/아름동/pm10")
        #expect(pm10.value == nil && pm10.grade == nil && !pm10.flagged)
        let o3 = try reading(result, "air/아름동/o3")
        #expect(o3.value == nil && o3.grade == nil && o3.flagged)
        #expect(try reading(result, "air/아름동/pm25").value == 21)
    }

    @Test("'24:00' is the next day's 00:00, across a month end")
    func midnight() throws {
        let item = Self.areum.replacingOccurrences(of: "2026-07-28 17:00", with: "2026-07-31 24:00")
        let result = try AirKoreaRealtimeFeed.parse(Self.response(item))
        #expect(Set(result.items.map(\.time)) == ["2026-08-01T00:00:00"])
    }

    @Test("Without a 1-hour grade the 24-hour grade is used; items as {item: [...]} are read")
    func gradeFallbackAndItemShape() throws {
        let item = Self.areum.replacingOccurrences(of: #""pm25Grade1h":"3","#, with: "")
        let body = #"{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL_CODE"},"body":{"items":{"item":[\#(item)]}}}}"#
        let result = try AirKoreaRealtimeFeed.parse(Data(body.utf8))
        #expect(try reading(result, "air/아름동/pm25").grade == 2)
    }

    @Test("A repeated station and time, a missing station name, a bad time and a bad number are issues, not failures")
    func badItems() throws {
        let noName = Self.areum.replacingOccurrences(of: #""stationName":"아름동","#, with: "")
        let badTime = Self.areum.replacingOccurrences(of: "2026-07-28 17:00", with: "어제").replacingOccurrences(of: "아름동", with: "한솔동")
        let badNumber = Self.areum.replacingOccurrences(of: #""coValue":"0.4""#, with: #""coValue":"점검""#)
            .replacingOccurrences(of: "아름동", with: "보람동")
        let result = try AirKoreaRealtimeFeed.parse(Self.response([Self.areum, Self.areum, noName, badTime, "42", badNumber].joined(separator: ",")))
        #expect(Set(result.items.map(\.source)) == ["아름동", "보람동"])
        #expect(result.items.count == 14)
        #expect(result.issues.map(\.index) == [1, 2, 3, 4, 5])
        #expect(result.issues.map(\.field) == ["stationName", "stationName", "dataTime", nil, "coValue"])
        #expect(result.issues[0].reason.en.contains("item 1"))
        #expect(try reading(result, "air/보람동/co").value == nil)
    }

    @Test("An API error code is a FeedError carrying resultCode and resultMsg; code 03 is no data")
    func apiError() throws {
        let body = Data(#"{"response":{"header":{"resultCode":"30","resultMsg":"SERVICE_KEY_IS_NOT_REGISTERED_ERROR"}}}"#.utf8)
        #expect(throws: FeedError.self) { try AirKoreaRealtimeFeed.parse(body) }
        do {
            _ = try AirKoreaRealtimeFeed.parse(body)
        } catch {
            #expect(error.code == .apiError(resultCode: "30", resultMessage: "SERVICE_KEY_IS_NOT_REGISTERED_ERROR"))
            #expect(error.message.ko.contains("SERVICE_KEY_IS_NOT_REGISTERED_ERROR"))
        }
        let empty = try AirKoreaRealtimeFeed.parse(Self.response("", code: "03", message: "NODATA_ERROR"))
        #expect(empty.items.isEmpty && empty.issues.isEmpty)
    }

    @Test("The portal's XML error answer is an API error; malformed JSON and other shapes are failures that say where")
    func wholeResponseFailures() throws {
        let xml =
            "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR</returnAuthMsg><returnReasonCode>22</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>"
        #expect(failure(xml)?.code == .apiError(resultCode: "22", resultMessage: "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR"))
        let broken = failure("{\"response\":{\"body\":{\"items\":[{\"stationName\":\"아름동\",}]}}}")
        #expect(broken?.code == .notJSON)
        #expect(broken?.message.en.contains("line 1, column 52: expected a quoted key") == true)
        #expect(failure("")?.code == .notJSON)
        #expect(failure(#"{"response":{"header":{"resultCode":"00"}}}"#)?.code == .unexpectedShape)
    }

    private func failure(_ body: String) -> FeedError? {
        do {
            _ = try AirKoreaRealtimeFeed.parse(Data(body.utf8))
            return nil
        } catch {
            return error
        }
    }
}
