import Foundation
import MokminBase
import MokminCore
import MokminGeo
import Testing

@testable import MokminIngest

@Suite("Generic feed")
struct GenericFeedTests {
    let mapping = GenericFeedMapping(
        itemsPath: "data.rows", seriesPrefix: "noise", seriesField: "id", sourceField: "name", valueFields: ["db", "temp"],
        timeField: "measured", longitudeField: "x", latitudeField: "y", regionField: "dong")

    @Test("JSON at a named path: a reading per value field, with location and region")
    func jsonPath() throws {
        let body =
            #"{"data":{"rows":[{"id":"N1","name":"나성동 소음","db":"61.5","temp":28,"measured":"2026-07-28 24:00","x":"127.268","y":"36.487","dong":"나성동"}]}}"#
        let result = try GenericFeed.parse(Data(body.utf8), mapping: mapping)
        #expect(result.issues.isEmpty)
        #expect(result.items.map(\.series) == ["noise/N1/db", "noise/N1/temp"])
        #expect(result.items.map(\.value) == [61.5, 28])
        #expect(result.items[0].time == "2026-07-29T00:00:00" && result.items[0].source == "나성동 소음")
        #expect(result.items[0].location == GeoPoint(lon: 127.268, lat: 36.487) && result.items[0].region == "나성동")
    }

    @Test("Missing mapped fields are issues naming the field; a missing time skips the item")
    func missingFields() throws {
        let body =
            #"[{"id":"N1","name":"a","db":"-","measured":"2026-07-28 17:00","x":"127.2","y":"36.5","dong":"보람동"},{"id":"N2","name":"b","db":"50","temp":"20","x":"500","y":"36.5","dong":"보람동"},{"id":"N3","name":"c","db":"50","temp":"20","measured":"2026-07-28 17:00","x":"500","y":"36.5"}]"#
        var flat = mapping
        flat.itemsPath = nil
        let result = try GenericFeed.parse(Data(body.utf8), mapping: flat)
        #expect(result.items.map(\.series) == ["noise/N1/db", "noise/N3/db", "noise/N3/temp"])
        #expect(result.items[0].value == nil)
        #expect(result.issues.map(\.field) == ["temp", "measured", "x", "dong"])
        #expect(result.issues.map(\.index) == [0, 1, 2, 2])
        #expect(result.items[1].location == nil)
    }

    @Test("CSV bodies (UTF-8 with BOM or CP949) with a time pattern; a short row is an issue")
    func csv() throws {
        let csv = "\u{FEFF}측정소,PM,시각\r\n연서면,12,2026.07.28 09시\r\n조치원읍,\"1,204\",2026.07.28 10시\r\n짧은줄\r\n"
        let csvMapping = GenericFeedMapping(
            seriesPrefix: "dust", seriesField: "측정소", valueFields: ["PM"], timeField: "시각", timeFormat: "yyyy.MM.dd HH시")
        for bytes in [Array(csv.utf8), try CP949Encoder.encode(csv.replacingOccurrences(of: "\u{FEFF}", with: ""))] {
            let result = try GenericFeed.parse(Data(bytes), mapping: csvMapping)
            #expect(result.items.map(\.series) == ["dust/연서면/PM", "dust/조치원읍/PM"])
            #expect(result.items.map(\.value) == [12, 1204])
            #expect(result.items.map(\.time) == ["2026-07-28T09:00:00", "2026-07-28T10:00:00"])
            #expect(result.issues.map(\.index) == [2])
        }
    }

    @Test("Time formats: auto with a zone, unix seconds and milliseconds, patterns")
    func timeFormats() throws {
        #expect(GenericTimeFormat("auto")?.localISO("2026-07-28T08:00:00Z") == "2026-07-28T17:00:00")
        #expect(GenericTimeFormat(nil)?.localISO("2026-07-28T23:30:00.250+09:00") == "2026-07-28T23:30:00")
        #expect(GenericTimeFormat(nil)?.localISO("20260728") == "2026-07-28T00:00:00")
        #expect(GenericTimeFormat("unix")?.localISO("1785225600") == "2026-07-28T17:00:00")
        #expect(GenericTimeFormat("unixMillis")?.localISO("1785225600000") == "2026-07-28T17:00:00")
        #expect(GenericTimeFormat("yyyyMMddHHmm")?.localISO("202607282400") == "2026-07-29T00:00:00")
        #expect(GenericTimeFormat("yyyyMMdd")?.localISO("2026072") == nil)
        #expect(GenericTimeFormat("yyy-MM-dd") == nil && GenericTimeFormat("HH:mm") == nil)
    }

    @Test("Mapping validation and whole-response failures")
    func validation() throws {
        #expect(throws: MokminError.self) { try GenericFeedMapping(seriesField: "id", valueFields: [], timeField: "t").validate() }
        #expect(throws: MokminError.self) {
            try GenericFeedMapping(seriesField: "id", valueFields: ["v"], timeField: "t", longitudeField: "x").validate()
        }
        #expect(throws: MokminError.self) {
            try GenericFeedMapping(seriesField: "id", valueFields: ["v"], timeField: "t", timeFormat: "dd/MM").validate()
        }
        try mapping.validate()
        #expect(throws: FeedError.self) { try GenericFeed.parse(Data(#"{"data":{"other":[]}}"#.utf8), mapping: mapping) }
        #expect(throws: FeedError.self) {
            try GenericFeed.parse(Data(#"{"response":{"header":{"resultCode":"99","resultMsg":"x"}}}"#.utf8), mapping: mapping)
        }
        #expect(throws: FeedError.self) {
            try GenericFeed.parse(
                Data([0xFF, 0xFE, 0x00, 0x41]), mapping: GenericFeedMapping(format: .csv, seriesField: "a", valueFields: ["b"], timeField: "c"))
        }
    }
}
