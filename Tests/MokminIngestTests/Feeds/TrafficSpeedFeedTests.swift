import Foundation
import MokminGeo
import Testing

@testable import MokminIngest

/// Recorded national ITS `trafficInfo` answers (`getType=json`).
@Suite("Traffic speed feed")
struct TrafficSpeedFeedTests {
    static func item(_ link: String, speed: String = "\"47.5\"", travelTime: String = "\"38.2\"", created: String = "20260728081500") -> String {
        #"{"roadName":"한누리대로","roadDrcType":"1","linkNo":"1","linkId":"\#(link)","startNodeId":"2990000100","endNodeId":"2990000200","speed":\#(speed),"travelTime":\#(travelTime),"createdDate":"\#(created)"}"#
    }

    static func response(_ items: [String]) -> Data {
        Data(
            #"{"header":{"resultCode":0,"resultMsg":"success"},"body":{"totalCount":\#(items.count),"items":[\#(items.joined(separator: ","))]}}"#
                .utf8)
    }

    @Test("Speed and travel time per link; 14-digit times to ISO; numbers as strings or numbers; link locations")
    func valid() throws {
        let point = GeoPoint(lon: 127.28, lat: 36.48)
        let result = try TrafficSpeedFeed.parse(
            Self.response([Self.item("1820012300"), Self.item("1820012400", speed: "12", created: "20261231235959")]),
            linkLocations: ["1820012300": point])
        #expect(result.issues.isEmpty)
        #expect(
            result.items.map(\.series) == [
                "traffic/1820012300/speed", "traffic/1820012300/travelTime", "traffic/1820012400/speed", "traffic/1820012400/travelTime",
            ])
        #expect(result.items.map(\.value) == [47.5, 38.2, 12, 38.2])
        #expect(result.items.map(\.time) == ["2026-07-28T08:15:00", "2026-07-28T08:15:00", "2026-12-31T23:59:59", "2026-12-31T23:59:59"])
        #expect(result.items[0].location == point && result.items[2].location == nil)
    }

    @Test("Duplicates, bad times, missing link ids and bad or negative values are issues; missing values are nil")
    func badItems() throws {
        let result = try TrafficSpeedFeed.parse(
            Self.response([
                Self.item("A"), Self.item("A"), Self.item("B", created: "20261332000000"), Self.item("", speed: "\"-\""),
                Self.item("C", speed: "\"-\"", travelTime: "\"-5\""), Self.item("D", speed: "\"빠름\""),
            ]))
        #expect(result.items.map(\.source) == ["A", "A", "C", "C", "D", "D"])
        #expect(result.issues.map(\.index) == [1, 2, 3, 4, 5])
        #expect(result.issues.map(\.field) == ["linkId", "createdDate", "linkId", "travelTime", "speed"])
        #expect(result.items[2].value == nil && result.items[3].value == nil && result.items[4].value == nil)
    }

    @Test("An ITS error code is an API error; a body without items is an unexpected shape")
    func failures() {
        #expect(throws: FeedError.self) { try TrafficSpeedFeed.parse(Data(#"{"header":{"resultCode":-1,"resultMsg":"인증키 오류"},"body":null}"#.utf8)) }
        do {
            _ = try TrafficSpeedFeed.parse(Data(#"{"header":{"resultCode":0},"body":{"totalCount":0}}"#.utf8))
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .unexpectedShape)
        }
    }
}
