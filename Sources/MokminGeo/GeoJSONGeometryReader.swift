import Foundation
import MokminBase

/// Turns a GeoJSON geometry object into a ``Geometry``, checking nesting, ranges and ring sizes.
enum GeoJSONGeometryReader {
    /// A problem found inside one feature's geometry; the caller adds the feature's index.
    struct Problem: Error {
        let korean: String
        let english: String
    }

    static func geometry(_ value: JSONValue) throws -> Geometry? {
        if value == .null { return nil }
        guard case .object(let object) = value else {
            throw Problem(korean: "geometry가 객체가 아니라 \(value.koreanKindName)입니다", english: "geometry is a JSON \(value.kindName), not an object")
        }
        guard case .string(let type) = object["type"] ?? .null else {
            throw Problem(korean: "geometry.type이 없습니다", english: "geometry has no \"type\"")
        }
        if type == "GeometryCollection" {
            throw Problem(korean: "GeometryCollection은 지원하지 않습니다", english: "GeometryCollection is not supported")
        }
        let coordinates = object["coordinates"] ?? .null
        do {
            switch type {
            case "Point": return .point(try position(coordinates))
            case "MultiPoint": return .multiPoint(try positions(coordinates, minimum: 0))
            case "LineString": return .lineString(try positions(coordinates, minimum: 2))
            case "MultiLineString": return .multiLineString(try list(coordinates) { try positions($0, minimum: 2) })
            case "Polygon": return .polygon(try polygon(coordinates))
            case "MultiPolygon": return .multiPolygon(MultiPolygon(polygons: try list(coordinates, polygon)))
            default:
                throw Problem(
                    korean: "geometry.type \"\(type)\"은(는) 알 수 없는 형식입니다",
                    english: "geometry.type \"\(type)\" is not a GeoJSON geometry type")
            }
        } catch let flaw as Flaw {
            let path = "coordinates" + flaw.indices.map { "[\($0)]" }.joined()
            throw Problem(
                korean: "geometry.coordinates가 올바르지 않습니다: \(type)의 \(path)\(flaw.korean)",
                english: "geometry.coordinates is not a valid \(type): \(path) \(flaw.english)")
        }
    }

    /// A problem at a position in the nested coordinate arrays; indices are added on the way out, so reading a
    /// valid file builds no path strings.
    private struct Flaw: Error {
        var indices: [Int] = []
        let korean: String
        let english: String
    }

    private static func list<T>(_ value: JSONValue, _ body: (JSONValue) throws -> T) throws -> [T] {
        guard case .array(let items) = value else {
            throw Flaw(korean: "은(는) 배열이어야 하는데 \(value.koreanKindName)입니다", english: "must be an array, found \(value.kindName)")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                result.append(try body(item))
            } catch var flaw as Flaw {
                flaw.indices.insert(index, at: 0)
                throw flaw
            }
        }
        return result
    }

    private static func positions(_ value: JSONValue, minimum: Int) throws -> [GeoPoint] {
        let points = try list(value, position)
        guard points.count >= minimum else {
            throw Flaw(
                korean: "에는 위치가 \(minimum)개 이상 있어야 하는데 \(points.count)개입니다",
                english: "needs at least \(minimum) positions, found \(points.count)")
        }
        return points
    }

    private static func polygon(_ value: JSONValue) throws -> Polygon {
        let rings = try list(value) { ring in
            let points = try list(ring, position)
            guard points.count >= 4 else {
                throw Flaw(
                    korean: "의 고리(ring)에는 위치가 4개 이상 있어야 하는데 \(points.count)개입니다",
                    english: "is a linear ring with \(points.count) positions; at least 4 are required")
            }
            return points
        }
        guard !rings.isEmpty else { throw Flaw(korean: "에 고리(ring)가 하나도 없습니다", english: "has no rings") }
        return Polygon(rings: rings)
    }

    private static func position(_ value: JSONValue) throws -> GeoPoint {
        guard case .array(let items) = value, items.count >= 2, case .number(let lon) = items[0], case .number(let lat) = items[1] else {
            throw Flaw(
                korean: "은(는) 숫자 2개 이상으로 된 배열([경도, 위도])이어야 합니다", english: "must be an array of at least 2 numbers [lon, lat]")
        }
        guard abs(lon) <= 180, abs(lat) <= 90 else {
            var korean = "의 좌표 [\(lon), \(lat)]가 경도 ±180, 위도 ±90 범위를 벗어났습니다"
            var english = "has [\(lon), \(lat)], outside lon ±180 / lat ±90"
            if abs(lon) > 1000 || abs(lat) > 1000 {
                korean += " (투영 좌표(미터)로 보입니다. WGS84 경위도가 필요합니다)"
                english += " (these look like projected metres; WGS84 longitude/latitude is required)"
            } else if abs(lat) > 90, abs(lon) <= 90 {
                korean += " (경도와 위도의 순서가 바뀐 것 같습니다. GeoJSON은 [경도, 위도] 순서입니다)"
                english += " (longitude and latitude look swapped; GeoJSON order is [lon, lat])"
            }
            throw Flaw(korean: korean, english: english)
        }
        return GeoPoint(lon: lon, lat: lat)
    }
}
