/// A GeoJSON geometry (GeometryCollection excepted).
public enum Geometry: Hashable, Sendable {
    case point(GeoPoint)
    case multiPoint([GeoPoint])
    case lineString([GeoPoint])
    case multiLineString([[GeoPoint]])
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)

    /// The box around every position (outer rings only for polygons).
    public var boundingBox: BoundingBox {
        switch self {
        case .point(let p): BoundingBox(points: [p])
        case .multiPoint(let points), .lineString(let points): BoundingBox(points: points)
        case .multiLineString(let lines): BoundingBox(points: lines.joined())
        case .polygon(let polygon): polygon.boundingBox
        case .multiPolygon(let multi): multi.boundingBox
        }
    }

    /// The areal geometry as a multipolygon, or nil for points and lines.
    public var multiPolygon: MultiPolygon? {
        switch self {
        case .polygon(let polygon): MultiPolygon(polygon)
        case .multiPolygon(let multi): multi
        default: nil
        }
    }

    /// The GeoJSON type name, e.g. "MultiPolygon".
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }
}
