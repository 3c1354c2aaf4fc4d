import MokminGeo

/// Geometry as GeoJSON text, for the `_geometry` column.
enum GeometryJSON {
    static func encode(_ geometry: Geometry) -> String {
        func point(_ p: GeoPoint) -> String { "[\(p.lon),\(p.lat)]" }
        func line(_ ps: [GeoPoint]) -> String { "[" + ps.map(point).joined(separator: ",") + "]" }
        func polygon(_ p: Polygon) -> String {
            "[" + p.rings.map { ring in line(ring.first == ring.last ? ring : ring + ring.prefix(1)) }.joined(separator: ",") + "]"
        }
        switch geometry {
        case .point(let p): return #"{"type":"Point","coordinates":\#(point(p))}"#
        case .multiPoint(let ps): return #"{"type":"MultiPoint","coordinates":\#(line(ps))}"#
        case .lineString(let ps): return #"{"type":"LineString","coordinates":\#(line(ps))}"#
        case .multiLineString(let ls): return #"{"type":"MultiLineString","coordinates":[\#(ls.map(line).joined(separator: ","))]}"#
        case .polygon(let p): return #"{"type":"Polygon","coordinates":\#(polygon(p))}"#
        case .multiPolygon(let m): return #"{"type":"MultiPolygon","coordinates":[\#(m.polygons.map(polygon).joined(separator: ","))]}"#
        }
    }
}
