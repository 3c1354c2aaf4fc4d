import Foundation

/// A position on the WGS84 / GRS80 ellipsoid, in decimal degrees.
///
/// The order is longitude first, as in GeoJSON (RFC 7946) and OGC CRS84. Korea 2000 (EPSG:4737) and WGS84
/// coordinates are treated as identical: the two datums differ by centimetres.
public struct GeoPoint: Hashable, Sendable, Codable {
    /// Longitude in degrees east, -180...180.
    public var lon: Double
    /// Latitude in degrees north, -90...90.
    public var lat: Double

    /// Creates a point from longitude and latitude in degrees.
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Whether both coordinates are finite and inside lon ±180, lat ±90.
    public var isValid: Bool {
        lon.isFinite && lat.isFinite && abs(lon) <= 180 && abs(lat) <= 90
    }
}

extension GeoPoint: CustomStringConvertible {
    /// `lon,lat` with up to 7 decimals (about 1 cm).
    public var description: String {
        "\(GeoPoint.format(lon)),\(GeoPoint.format(lat))"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 1e7).rounded() / 1e7
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}
