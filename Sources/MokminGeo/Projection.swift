import Foundation

/// The Korean transverse Mercator grids, on the GRS80 ellipsoid of Korea 2000.
///
/// `project` and `unproject` agree with PROJ's `tmerc` to well under a millimetre over Korea (see
/// ``TransverseMercator``). Outputs are easting/northing, whereas EPSG declares these systems northing first.
public enum Projection: String, Sendable, CaseIterable {
    /// Korea 2000 / Unified CS (UTM-K): lat₀ 38°N, lon₀ 127.5°E, k₀ 0.9996, FE 1,000,000 m, FN 2,000,000 m.
    case utmK = "EPSG:5179"
    /// Korea 2000 / Central Belt 2010: lat₀ 38°N, lon₀ 127°E, k₀ 1, FE 200,000 m, FN 600,000 m.
    case centralBelt = "EPSG:5186"

    /// Geographic to projected coordinates.
    public func project(_ p: GeoPoint) -> ProjectedPoint {
        engine.forward(p)
    }

    /// Projected to geographic coordinates.
    public func unproject(_ q: ProjectedPoint) -> GeoPoint {
        engine.inverse(q)
    }

    /// The point scale factor at `p`: ground metres × scale = projected metres (0.9996 on UTM-K's central meridian).
    public func scaleFactor(at p: GeoPoint) -> Double {
        let q = project(p)
        let east = unproject(ProjectedPoint(x: q.x + 50, y: q.y)), west = unproject(ProjectedPoint(x: q.x - 50, y: q.y))
        return 100 / Geodesic.distanceMetres(west, east)
    }

    /// A short human name, e.g. "UTM-K (EPSG:5179)".
    public var displayName: String {
        switch self {
        case .utmK: "UTM-K (EPSG:5179)"
        case .centralBelt: "중부원점 (EPSG:5186)"
        }
    }

    private var engine: TransverseMercator {
        switch self {
        case .utmK: TransverseMercator.utmK
        case .centralBelt: TransverseMercator.centralBelt
        }
    }
}
