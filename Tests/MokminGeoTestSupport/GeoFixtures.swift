import Foundation
import MokminGeo

/// Real boundary files shipped in the repository, read from the source tree, for the geometry and drawing tests.
public enum GeoFixtures {
    /// `Sources/MokminServices/Resources/korea/` computed from this file's path.
    public static let koreaDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/MokminServices/Resources/korea")

    /// The 20 읍면동 of 세종특별자치시 (2021-04).
    public static func sejong() throws -> [GeoJSONFeature] {
        try GeoJSON.decodeFeatureCollection(Data(contentsOf: koreaDirectory.appendingPathComponent("sejong_emd_202104.geojson")))
    }

    /// The 20 읍면동 as multipolygons with their names.
    public static func sejongDistricts() throws -> [(name: String, code: String, area: MultiPolygon)] {
        try sejong().map { feature in
            (feature.string("adm_nm") ?? "", feature.string("adm_cd2") ?? "", feature.geometry?.multiPolygon ?? MultiPolygon(polygons: []))
        }
    }

    /// A square polygon from its south-west corner and side in degrees, counter-clockwise, closed.
    public static func square(lon: Double, lat: Double, side: Double) -> Polygon {
        Polygon(outer: [
            GeoPoint(lon: lon, lat: lat), GeoPoint(lon: lon + side, lat: lat), GeoPoint(lon: lon + side, lat: lat + side),
            GeoPoint(lon: lon, lat: lat + side), GeoPoint(lon: lon, lat: lat),
        ])
    }
}

/// A small deterministic random number generator (SplitMix64) so that failures can be reproduced.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
