import Foundation

/// A reference ellipsoid and the derived constants the projections, geodesics and areas need.
struct Ellipsoid: Sendable {
    /// Semi-major axis in metres.
    let a: Double
    /// Flattening.
    let f: Double

    /// WGS84, used for geodesic distances and areas.
    static let wgs84 = Ellipsoid(a: 6_378_137, f: 1 / 298.257_223_563)
    /// GRS80, the ellipsoid of Korea 2000 (EPSG:4737) on which EPSG:5179 and EPSG:5186 are defined.
    static let grs80 = Ellipsoid(a: 6_378_137, f: 1 / 298.257_222_101)

    /// Semi-minor axis.
    var b: Double { a * (1 - f) }
    /// First eccentricity squared.
    var e2: Double { f * (2 - f) }
    /// First eccentricity.
    var e: Double { e2.squareRoot() }
    /// Third flattening n = (a − b) / (a + b).
    var n: Double { f / (2 - f) }

    /// The function q(φ) of the authalic latitude (Snyder 1987, eq. 3-12), from sin φ.
    func authalicQ(sinPhi s: Double) -> Double {
        let e = self.e
        let es = e * s
        return (1 - e2) * (s / (1 - es * es) + atanh(es) / e)
    }

    /// Radius of the sphere with the same surface area as the ellipsoid.
    var authalicRadius: Double {
        (a * a * authalicQ(sinPhi: 1) / 2).squareRoot()
    }

    /// Authalic latitude β in radians: the latitude on the authalic sphere that keeps areas equal.
    func authalicLatitude(degrees lat: Double) -> Double {
        let ratio = authalicQ(sinPhi: sin(lat * .pi / 180)) / authalicQ(sinPhi: 1)
        return asin(max(-1, min(1, ratio)))
    }
}
