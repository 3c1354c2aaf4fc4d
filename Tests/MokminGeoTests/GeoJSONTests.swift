import Foundation
import MokminBase
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("GeoJSON decoding and its errors")
struct GeoJSONTests {
    /// A FeatureCollection whose features are the given JSON texts.
    static func collection(_ features: String...) -> Data {
        Data("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".utf8)
    }

    static let goodFeature = """
        {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[127,36],[127.1,36],[127.1,36.1],[127,36]]]}}
        """

    /// Decodes and returns the error, or nil if decoding succeeded.
    static func error(_ data: Data) -> GeoJSONError? {
        do {
            _ = try GeoJSON.decodeFeatureCollection(data)
            return nil
        } catch {
            return error as? GeoJSONError
        }
    }

    @Test("the Sejong file decodes to 20 multipolygons with their properties")
    func sejong() throws {
        let features = try GeoFixtures.sejong()
        #expect(features.count == 20)
        let first = try #require(features.first)
        #expect(first.string("adm_nm") == "세종특별자치시 세종시 조치원읍")
        #expect(first.string("adm_cd2") == "3611025000")
        guard case .multiPolygon(let area) = first.geometry else {
            Issue.record("expected a MultiPolygon, got \(String(describing: first.geometry))")
            return
        }
        #expect(area.boundingBox.contains(GeoPoint(lon: 127.29, lat: 36.6)))
        #expect(features.allSatisfy { $0.geometry?.typeName == "MultiPolygon" })
    }

    @Test("text that is not JSON says so and where the parser stopped")
    func notJSON() throws {
        let error = try #require(Self.error(Data("{\"type\": \"FeatureCollection\",\n \"features\": [1,, 2]}".utf8)))
        #expect(error.featureIndex == nil)
        #expect(error.description.contains("올바른 JSON이 아닙니다"))
        #expect(error.description.contains("not valid JSON"))
        #expect(error.description.contains("line 2"), "\(error.message)")
        #expect(try #require(Self.error(Data())).description.contains("empty"))
    }

    @Test("a JSON file that is not a FeatureCollection is rejected")
    func notACollection() throws {
        let feature = try #require(Self.error(Data(Self.goodFeature.utf8)))
        #expect(feature.description.contains("\"Feature\"") && feature.description.contains("expected \"FeatureCollection\""))
        let array = try #require(Self.error(Data("[1, 2]".utf8)))
        #expect(array.description.contains("array"))
        let noFeatures = try #require(Self.error(Data("{\"type\":\"FeatureCollection\"}".utf8)))
        #expect(noFeatures.description.contains("features"))
    }

    @Test("bad coordinates name the feature by ordinal and index, the geometry type and the position")
    func badCoordinates() throws {
        let bad = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[127,36],[127.1],[127.1,36.1],[127,36]]]}}"#
        let error = try #require(Self.error(Self.collection(Self.goodFeature, Self.goodFeature, bad)))
        #expect(error.featureIndex == 2)
        #expect(error.message.ko.hasPrefix("3번째 피처(features[2])의 geometry.coordinates가 올바르지 않습니다"), "\(error)")
        #expect(error.description.contains("feature 3 (features[2]): geometry.coordinates is not a valid Polygon: coordinates[0][1]"))
        #expect(error.description == "\(error.message.ko) / \(error.message.en)")
    }

    @Test("coordinates outside lon ±180 / lat ±90 are rejected, with a hint for swapped or projected values")
    func outOfRange() throws {
        func feature(_ position: String) -> String {
            #"{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":\#(position)}}"#
        }
        let swapped = try #require(Self.error(Self.collection(feature("[36.5, 127.3]"))))
        #expect(swapped.featureIndex == 0)
        #expect(swapped.description.contains("outside lon ±180 / lat ±90"))
        #expect(swapped.description.contains("swapped"))
        let metres = try #require(Self.error(Self.collection(Self.goodFeature, feature("[953892.2, 1952009.9]"))))
        #expect(metres.featureIndex == 1)
        #expect(metres.description.contains("projected metres"))
    }

    @Test("a ring with fewer than 4 positions is rejected")
    func shortRing() throws {
        let triangle = #"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[127,36],[127.1,36],[127,36]]]]}}"#
        let error = try #require(Self.error(Self.collection(triangle)))
        #expect(error.description.contains("coordinates[0][0] is a linear ring with 3 positions; at least 4 are required"))
        #expect(error.description.contains("4개 이상"))
    }

    @Test("null geometry and properties are accepted; GeometryCollection and unknown types are not")
    func lenientAndStrict() throws {
        let unlocated = #"{"type":"Feature","properties":null,"geometry":null}"#
        let features = try GeoJSON.decodeFeatureCollection(Self.collection(unlocated))
        #expect(features.count == 1 && features[0].geometry == nil && features[0].properties.isEmpty)
        let collection = #"{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[]}}"#
        #expect(try #require(Self.error(Self.collection(collection))).description.contains("GeometryCollection is not supported"))
        let noGeometry = #"{"type":"Feature","properties":{}}"#
        #expect(try #require(Self.error(Self.collection(noGeometry))).description.contains("no \"geometry\""))
    }

    @Test("all geometry types decode, with altitude dropped and unclosed rings accepted")
    func geometryTypes() throws {
        func feature(_ type: String, _ coordinates: String) -> String {
            #"{"type":"Feature","properties":{},"geometry":{"type":"\#(type)","coordinates":\#(coordinates)}}"#
        }
        let features = try GeoJSON.decodeFeatureCollection(
            Self.collection(
                feature("Point", "[127, 36, 15.5]"), feature("MultiPoint", "[[127, 36], [128, 37]]"),
                feature("LineString", "[[127, 36], [128, 37]]"), feature("MultiLineString", "[[[127, 36], [128, 37]]]"),
                feature("Polygon", "[[[127, 36], [128, 36], [128, 37], [127, 37]]]")))
        #expect(features.map { $0.geometry?.typeName } == ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon"])
        #expect(features[0].geometry == .point(GeoPoint(lon: 127, lat: 36)))
        #expect(features[4].geometry?.boundingBox == BoundingBox(minLon: 127, minLat: 36, maxLon: 128, maxLat: 37))
        #expect(features[4].geometry?.multiPolygon?.contains(GeoPoint(lon: 127.5, lat: 36.5)) == true)
    }

    @Test("property values render as text without a trailing .0")
    func jsonValues() throws {
        let data = Data(#"{"a":3611025000,"b":2.5,"c":true,"d":null,"e":"세종","f":[1],"g":-0.0}"#.utf8)
        let values = try JSONDecoder().decode([String: JSONValue].self, from: data)
        #expect(values["a"]?.stringValue == "3611025000")
        #expect(values["b"]?.stringValue == "2.5")
        #expect(values["c"]?.stringValue == "true")
        #expect(values["d"]?.stringValue == nil && values["d"] == .null)
        #expect(values["e"]?.stringValue == "세종")
        #expect(values["f"] == .array([.number(1)]))
        #expect(values["g"]?.stringValue == "0")
        let roundTrip = try JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(values))
        #expect(roundTrip == values)
    }
}
