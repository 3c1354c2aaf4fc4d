import Foundation

/// Distances along the WGS84 ellipsoid.
public enum Geodesic {
    /// The length in metres of the shortest path between two points on the WGS84 ellipsoid.
    ///
    /// Uses Vincenty's inverse formula (1975), accurate to 0.5 mm. For nearly antipodal pairs, where Vincenty's
    /// iteration does not converge, it falls back to minimising the length of a two-leg path through a via-point
    /// (see ``viaMidpoint(_:_:)``), which is slower (about a thousand Vincenty solutions) but as accurate.
    public static func distanceMetres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        if a == b { return 0 }
        return vincenty(a, b) ?? viaMidpoint(a, b)
    }

    /// Vincenty's inverse solution, or nil when the λ iteration fails to converge.
    static func vincenty(_ p1: GeoPoint, _ p2: GeoPoint) -> Double? {
        let ellipsoid = Ellipsoid.wgs84
        let a = ellipsoid.a, b = ellipsoid.b, f = ellipsoid.f
        let rad = Double.pi / 180
        var dLon = (p2.lon - p1.lon).truncatingRemainder(dividingBy: 360)
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let l = dLon * rad
        let u1 = atan((1 - f) * tan(p1.lat * rad)), u2 = atan((1 - f) * tan(p2.lat * rad))
        let sinU1 = sin(u1), cosU1 = cos(u1), sinU2 = sin(u2), cosU2 = cos(u2)
        var lambda = l
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let t1 = cosU2 * sinLambda, t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
            let sinSigma = (t1 * t1 + t2 * t2).squareRoot()
            if sinSigma == 0 { return 0 }
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cos2Alpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0
            let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda =
                l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda) > .pi * 1.0000001 { return nil }
            if abs(lambda - previous) < 1e-13 {
                let uSq = cos2Alpha * (a * a - b * b) / (b * b)
                let bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
                let bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
                let c2 = cos2SigmaM * cos2SigmaM
                let deltaSigma =
                    bigB * sinSigma
                    * (cos2SigmaM + bigB / 4
                        * (cosSigma * (-1 + 2 * c2) - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2)))
                return b * bigA * (sigma - deltaSigma)
            }
        }
        return nil
    }

    /// The shortest distance for nearly antipodal points, where Vincenty's iteration fails: the minimum over
    /// via-points m of d(p1, m) + d(m, p2), whose two legs are half the length and so well inside Vincenty's
    /// range. The minimum is reached on the geodesic itself, and the sum grows only quadratically with the
    /// via-point's offset from it, so a compass search to 1e-10 rad gives the distance to well under a millimetre.
    static func viaMidpoint(_ p1: GeoPoint, _ p2: GeoPoint) -> Double {
        func total(_ azimuth: Double, _ arc: Double) -> Double {
            let m = sphericalDestination(p1, azimuth: azimuth, arc: arc)
            guard let a = vincenty(p1, m), let b = vincenty(m, p2) else { return .infinity }
            return a + b
        }
        let degree = Double.pi / 180
        // Scan azimuths at a quarter turn, then refine every local minimum of the scan and keep the shortest:
        // near the antipode several geodesics connect the points and only one is the shortest.
        let scan = (0..<180).map { total(Double($0) * 2 * degree, 90 * degree) }
        var shortest = Double.infinity
        for i in scan.indices where scan[i] <= scan[(i + 179) % 180] && scan[i] <= scan[(i + 1) % 180] && scan[i].isFinite {
            shortest = min(shortest, refine(Double(i) * 2 * degree, 90 * degree, step: 2 * degree, total))
        }
        return shortest
    }

    /// Compass search on (azimuth, arc) from a start, halving the step down to 1e-10 rad.
    private static func refine(_ azimuth: Double, _ arc: Double, step: Double, _ total: (Double, Double) -> Double) -> Double {
        var best = (azimuth: azimuth, arc: arc, total: total(azimuth, arc))
        var size = step
        while size > 1e-10 {
            var moved = false
            for (da, ds) in [(size, 0.0), (-size, 0), (0, size), (0, -size)] {
                let t = total(best.azimuth + da, best.arc + ds)
                if t < best.total {
                    best = (best.azimuth + da, best.arc + ds, t)
                    moved = true
                }
            }
            if !moved { size /= 2 }
        }
        return best.total
    }

    /// The point at angular distance `arc` (radians) from `p` along `azimuth` (radians) on a sphere.
    static func sphericalDestination(_ p: GeoPoint, azimuth: Double, arc: Double) -> GeoPoint {
        let rad = Double.pi / 180
        let lat1 = p.lat * rad
        let lat2 = asin(sin(lat1) * cos(arc) + cos(lat1) * sin(arc) * cos(azimuth))
        let dLon = atan2(sin(azimuth) * sin(arc) * cos(lat1), cos(arc) - sin(lat1) * sin(lat2))
        var lon = p.lon + dLon / rad
        lon -= 360 * ((lon + 180) / 360).rounded(.down)
        return GeoPoint(lon: lon, lat: lat2 / rad)
    }
}
