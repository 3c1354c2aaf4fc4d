import Foundation
import MokminBase

/// Reading GeoJSON (RFC 7946) feature collections.
public enum GeoJSON {
    /// Decodes a FeatureCollection into its features, in file order.
    ///
    /// Accepted leniently: rings that are not closed, positions with a third (altitude) value, which is dropped,
    /// `"properties": null` and `"geometry": null`. Rejected with a ``GeoJSONError`` that names the feature
    /// (0-based `featureIndex`, 1-based in the message) and the position: text that is not JSON (with where the
    /// parser stopped), a top level that is not a FeatureCollection, a feature or geometry of the wrong shape,
    /// a coordinate outside lon ±180 / lat ±90, a ring with fewer than 4 positions, and GeometryCollection.
    public static func decodeFeatureCollection(_ data: Data) throws -> [GeoJSONFeature] {
        let root = try parseJSON(data)
        guard case .object(let object) = root else {
            throw GeoJSONError(
                korean: "최상위 값이 객체가 아니라 \(root.koreanKindName)입니다. GeoJSON FeatureCollection이 필요합니다",
                english: "the top-level value is a JSON \(root.kindName), not a GeoJSON FeatureCollection object")
        }
        guard object["type"] == .string("FeatureCollection") else {
            let found = object["type"]?.stringValue.map { "\"\($0)\"" } ?? "없음(missing)"
            throw GeoJSONError(
                korean: "type이 \(found)입니다. \"FeatureCollection\"이어야 합니다",
                english: "type is \(found), expected \"FeatureCollection\"")
        }
        guard case .array(let features) = object["features"] ?? .null else {
            throw GeoJSONError(
                korean: "FeatureCollection에 features 배열이 없습니다",
                english: "the FeatureCollection has no \"features\" array")
        }
        return try features.enumerated().map { index, value in try feature(value, index: index) }
    }

    /// Parses JSON text, turning the parser's complaint into a ``GeoJSONError`` with line and column.
    static func parseJSON(_ data: Data) throws -> JSONValue {
        if data.isEmpty {
            throw GeoJSONError(korean: "파일이 비어 있습니다", english: "the file is empty")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            var korean = "올바른 JSON이 아닙니다", english = "the file is not valid JSON"
            if let offset = characterOffset(in: detail), offset <= data.count {
                let prefix = data.prefix(offset)
                let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
                let column = String(decoding: data[lineStart..<prefix.endIndex], as: UTF8.self).count + 1
                korean += " (\(line)번째 줄 \(column)번째 글자 근처에서 멈춤)"
                english += " (stopped near line \(line), column \(column))"
            }
            throw GeoJSONError(korean: "\(korean): \(detail)", english: "\(english): \(detail)")
        }
        guard let value = JSONValue(jsonObject: object) else {
            throw GeoJSONError(korean: "JSON 값을 읽을 수 없습니다", english: "the JSON holds a value that cannot be read")
        }
        return value
    }

    /// The number after "character" in a message such as "Invalid value around character 12.".
    private static func characterOffset(in message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    private static func feature(_ value: JSONValue, index: Int) throws -> GeoJSONFeature {
        guard case .object(let object) = value else {
            throw GeoJSONError(feature: index, korean: "값이 객체가 아니라 \(value.koreanKindName)입니다", english: "is a JSON \(value.kindName), not an object")
        }
        guard object["type"] == .string("Feature") else {
            let found = object["type"]?.stringValue.map { "\"\($0)\"" } ?? "없음(missing)"
            throw GeoJSONError(feature: index, korean: "type이 \(found)입니다. \"Feature\"여야 합니다", english: "type is \(found), expected \"Feature\"")
        }
        let properties: [String: JSONValue]
        switch object["properties"] ?? .null {
        case .null: properties = [:]
        case .object(let members): properties = members
        case let other:
            throw GeoJSONError(
                feature: index, korean: "properties가 객체가 아니라 \(other.koreanKindName)입니다",
                english: "properties is a JSON \(other.kindName), not an object")
        }
        guard let geometryValue = object["geometry"] else {
            throw GeoJSONError(
                feature: index, korean: "geometry 항목이 없습니다 (없으면 null로 적어야 합니다)",
                english: "has no \"geometry\" member (write null for none)")
        }
        do {
            return GeoJSONFeature(properties: properties, geometry: try GeoJSONGeometryReader.geometry(geometryValue))
        } catch let problem as GeoJSONGeometryReader.Problem {
            throw GeoJSONError(feature: index, korean: problem.korean, english: problem.english)
        }
    }
}

extension GeoJSON {
    /// The geometry of one GeoJSON geometry object written as text (as the data hub stores a row's geometry), or nil
    /// when the text is not a geometry this module reads.
    public static func geometry(fromText text: String) -> Geometry? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        return (try? GeoJSONGeometryReader.geometry(value)) ?? nil
    }
}
