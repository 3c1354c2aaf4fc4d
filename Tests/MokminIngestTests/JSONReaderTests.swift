import Foundation
import MokminGeo
import Testing

@testable import MokminIngest

@Suite("JSON and GeoJSON reading")
struct JSONReaderTests {
    private func read(_ text: String, format: SourceFormat = .json) throws -> ReadResult {
        let scratch = try Scratch()
        return try readAll(try scratch.file("data.json", text: text), ReaderOptions(format: format))
    }

    @Test("An array of objects: header is the union of keys in first-seen order; nested values are JSON text")
    func arrayOfObjects() throws {
        let result = try read(#"[{"시설명":"도서관","좌석":120,"개방":true},{"좌석":80,"위치":{"x":127.1,"y":37.5},"태그":["a","b"],"시설명":null}]"#)
        #expect(result.header == ["시설명", "좌석", "개방", "위치", "태그"])
        #expect(result.values == [["도서관", "120", "true", nil, nil], [nil, "80", nil, #"{"x":127.1,"y":37.5}"#, #"["a","b"]"#]])
        #expect(result.lines == [1, 2])
    }

    @Test("The response.body.items envelope, with items as an array, {item: [...]}, {item: {...}} or empty")
    func envelope() throws {
        let header = #""header":{"resultCode":"00","resultMsg":"NORMAL SERVICE."}"#
        let list = try read(
            #"{"response":{\#(header),"body":{"items":{"item":[{"stationName":"종로구","pm10Value":"35"},{"stationName":"중구","pm10Value":"-"}]},"numOfRows":10}}}"#
        )
        #expect(list.header == ["stationName", "pm10Value"])
        #expect(list.values == [["종로구", "35"], ["중구", "-"]])
        let single = try read(#"{"response":{\#(header),"body":{"items":{"item":{"stationName":"종로구"}}}}}"#)
        #expect(single.values == [["종로구"]])
        let array = try read(#"{"response":{"body":{"items":[{"a":1},{"a":2}]}}}"#)
        #expect(array.values == [["1"], ["2"]])
        let empty = try read(#"{"response":{\#(header),"body":{"items":"","totalCount":0}}}"#)
        #expect(empty.rows.isEmpty && empty.header.isEmpty)
        let seoul = try read(#"{"RealtimeCityAir":{"list_total_count":1,"row":[{"MSRSTE_NM":"중구","PM10":42}]}}"#)
        #expect(seoul.values == [["중구", "42"]])
    }

    @Test("An API error code is an error carrying the API's message")
    func apiError() throws {
        let error = readError {
            _ = try read(#"{"response":{"header":{"resultCode":"30","resultMsg":"SERVICE_KEY_IS_NOT_REGISTERED_ERROR"}}}"#)
        }
        #expect(error?.code == .apiError)
        #expect(error?.detail.en.contains("SERVICE_KEY_IS_NOT_REGISTERED_ERROR") == true)
    }

    @Test("A no-data answer (data.go.kr 03, Seoul INFO-200) is no records, for an import as for a feed")
    func noDataIsEmptyEverywhere() throws {
        for code in ["03", "INFO-200"] {
            let body = #"{"response":{"header":{"resultCode":"\#(code)","resultMsg":"NODATA_ERROR"},"body":{"items":""}}}"#
            let imported = try read(body)
            #expect(imported.rows.isEmpty && imported.header.isEmpty, "import of \(code)")
            let parsed = try OrderedJSONParser.parse(Array(body.utf8))
            #expect(try FeedJSON.envelopeItems(parsed)?.isEmpty == true, "feed of \(code)")
        }
        // Every code is read the same way on both sides: the one envelope decides.
        for code in PublicAPIEnvelope.okCodes.union(PublicAPIEnvelope.noDataCodes) {
            let body = #"{"response":{"header":{"resultCode":"\#(code)"},"body":{"items":[{"a":1}]}}}"#
            let imported = try read(body)
            let fed = try FeedJSON.envelopeItems(try OrderedJSONParser.parse(Array(body.utf8)))
            #expect(imported.rows.count == fed?.count, "code \(code)")
        }
    }

    @Test("Elements that are not objects are issues at their position; bad JSON is an error with the line")
    func badShapes() throws {
        let result = try read(#"[{"a":1}, 5, {"a":3}]"#)
        #expect(result.values == [["1"], ["3"]])
        #expect(result.lines == [1, 3])
        #expect(result.issues.map(\.line) == [2])
        #expect(result.issues.first?.reason.en == "the item is a JSON number, not an object")
        let error = readError { _ = try read("[\n{\"a\": 1},\n{\"a\": 2,}\n]") }
        #expect(error?.code == .malformed)
        #expect(error?.line == 3)
        let xml = readError { _ = try read("<OpenAPI_ServiceResponse><cmmMsgHeader/></OpenAPI_ServiceResponse>") }
        #expect(xml?.detail.en.contains("XML") == true)
        #expect(readError { _ = try read(#"{"count": 3}"#) }?.code == .malformed)
        #expect(readError { _ = try read(String(repeating: "[", count: 5_000)) }?.code == .malformed)
    }

    @Test("A GeoJSON FeatureCollection: properties are columns in order, geometry is kept")
    func geoJSON() throws {
        let text = #"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"시청","code":"1111000000"},"geometry":{"type":"Point","coordinates":[126.978,37.5665]}},
              {"type":"Feature","properties":{"name":"공원","area":1200.5},"geometry":null}
            ]}
            """#
        let result = try read(text, format: .geojson)
        #expect(result.header == ["name", "code", "area"])
        #expect(result.values == [["시청", "1111000000", nil], ["공원", nil, "1200.5"]])
        #expect(result.rows[0].geometry == .point(GeoPoint(lon: 126.978, lat: 37.5665)))
        #expect(result.rows[1].geometry == nil)
        let bad = readError {
            _ = try read(
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,1]}}]}"#,
                format: .geojson)
        }
        #expect(bad?.line == 1)
    }
}
