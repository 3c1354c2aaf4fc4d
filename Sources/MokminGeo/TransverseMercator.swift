import Foundation

/// Transverse Mercator by the Krüger series to sixth order in n, as formulated by Karney (2011),
/// "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85. This is what PROJ's `tmerc`
/// (formerly `etmerc`) computes. Within 3,900 km of the central meridian the series error is below 5 nm;
/// conformal latitude is converted exactly, by Newton's method on the inverse.
struct TransverseMercator: Sendable {
    let ellipsoid: Ellipsoid
    let lon0: Double
    let k0: Double
    let falseEasting: Double
    let falseNorthing: Double
    /// Rectifying radius A = a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256).
    private let rectifyingRadius: Double
    private let alpha: [Double]
    private let beta: [Double]
    /// Northing of the latitude of origin on the central meridian before the false northing, in metres.
    private var originNorthing = 0.0

    static let utmK = TransverseMercator(ellipsoid: .grs80, lat0: 38, lon0: 127.5, k0: 0.9996, falseEasting: 1_000_000, falseNorthing: 2_000_000)
    static let centralBelt = TransverseMercator(ellipsoid: .grs80, lat0: 38, lon0: 127, k0: 1, falseEasting: 200_000, falseNorthing: 600_000)

    init(ellipsoid: Ellipsoid, lat0: Double, lon0: Double, k0: Double, falseEasting: Double, falseNorthing: Double) {
        self.ellipsoid = ellipsoid
        self.lon0 = lon0
        self.k0 = k0
        self.falseEasting = falseEasting
        self.falseNorthing = falseNorthing
        let n = ellipsoid.n
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
        rectifyingRadius = ellipsoid.a / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256)
        alpha = [
            n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
            13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1_983_433 * n6 / 1_935_360,
            61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167_603 * n6 / 181_440,
            49561 * n4 / 161_280 - 179 * n5 / 168 + 6_601_661 * n6 / 7_257_600,
            34729 * n5 / 80640 - 3_418_889 * n6 / 1_995_840,
            212_378_941 * n6 / 319_334_400,
        ]
        beta = [
            n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604_800,
            n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1_118_711 * n6 / 3_870_720,
            17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
            4397 * n4 / 161_280 - 11 * n5 / 504 - 830_251 * n6 / 7_257_600,
            4583 * n5 / 161_280 - 108_847 * n6 / 3_991_680,
            20_648_693 * n6 / 638_668_800,
        ]
        originNorthing = gaussKruger(lat: lat0, dLon: 0).y
    }

    func forward(_ p: GeoPoint) -> ProjectedPoint {
        let q = gaussKruger(lat: p.lat, dLon: p.lon - lon0)
        return ProjectedPoint(x: falseEasting + q.x, y: falseNorthing + q.y - originNorthing)
    }

    func inverse(_ q: ProjectedPoint) -> GeoPoint {
        let scale = k0 * rectifyingRadius
        let xi = (q.y - falseNorthing + originNorthing) / scale
        let eta = (q.x - falseEasting) / scale
        var xiP = xi, etaP = eta
        for (j, b) in beta.enumerated() {
            let m = Double(2 * (j + 1))
            xiP -= b * sin(m * xi) * cosh(m * eta)
            etaP -= b * cos(m * xi) * sinh(m * eta)
        }
        let sinhEta = sinh(etaP), cosXi = cos(xiP)
        let tauP = sin(xiP) / (sinhEta * sinhEta + cosXi * cosXi).squareRoot()
        let lambda = atan2(sinhEta, cosXi)
        let tau = tauFromConformal(tauP)
        return GeoPoint(lon: lon0 + lambda * 180 / .pi, lat: atan(tau) * 180 / .pi)
    }

    /// Easting and northing relative to (lon₀, equator), scaled by k₀, without false origin.
    private func gaussKruger(lat: Double, dLon: Double) -> (x: Double, y: Double) {
        let lambda = dLon * .pi / 180
        let tauP = conformalTau(tan(lat * .pi / 180))
        let cosLambda = cos(lambda)
        let xiP = atan2(tauP, cosLambda)
        let etaP = asinh(sin(lambda) / (tauP * tauP + cosLambda * cosLambda).squareRoot())
        var xi = xiP, eta = etaP
        for (j, a) in alpha.enumerated() {
            let m = Double(2 * (j + 1))
            xi += a * sin(m * xiP) * cosh(m * etaP)
            eta += a * cos(m * xiP) * sinh(m * etaP)
        }
        let scale = k0 * rectifyingRadius
        return (scale * eta, scale * xi)
    }

    /// τ′ = tan χ of the conformal latitude from τ = tan φ (Karney 2011, eq. 7–9).
    private func conformalTau(_ tau: Double) -> Double {
        let e = ellipsoid.e
        let sigma = sinh(e * atanh(e * tau / (1 + tau * tau).squareRoot()))
        return tau * (1 + sigma * sigma).squareRoot() - sigma * (1 + tau * tau).squareRoot()
    }

    /// Inverse of ``conformalTau(_:)`` by Newton's method (Karney 2011, eq. 19–21).
    private func tauFromConformal(_ tauP: Double) -> Double {
        let e2 = ellipsoid.e2
        var tau = tauP
        for _ in 0..<8 {
            let tauPi = conformalTau(tau)
            let delta =
                (tauP - tauPi) / (1 + tauPi * tauPi).squareRoot()
                * (1 + (1 - e2) * tau * tau) / ((1 - e2) * (1 + tau * tau).squareRoot())
            tau += delta
            if abs(delta) <= 1e-15 * max(1, abs(tau)) { break }
        }
        return tau
    }
}
