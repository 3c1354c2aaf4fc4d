import Foundation
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("Areas, centroids, label points and distances")
struct AreaTests {
    /// GeographicLib 2.1 (Karney's geodesic polygon area on WGS84), for the ring
    /// (127.00 36.50) (127.01 36.50) (127.01 36.51) (127.00 36.51):
    /// `Geodesic.WGS84.Polygon()` with those points added as (lat, lon), `Compute(False, True)` → 994114.0861 m².
    @Test("a 0.01° square at 36.5°N has the geodesic area GeographicLib reports")
    func square() {
        let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
        #expect(abs(square.areaSquareMetres - 994_114.0861) / 994_114.0861 < 1e-5)
        // Clockwise and closed or open rings give the same area.
        let reversed = MultiPolygon(Polygon(outer: square.polygons[0].outerRing.reversed()))
        #expect(abs(reversed.areaSquareMetres - square.areaSquareMetres) < 1e-6)
    }

    @Test("the area between two parallels and two meridians matches the closed-form ellipsoidal zone area")
    func analyticZone() {
        // A = b²·Δλ/2 · [q(φ₂) − q(φ₁)] / (1 − e²) with q the authalic function; the square's top and bottom edges
        // are parallels, which a geodesic edge cuts by a sliver of about 1e-5 of the area at this size.
        let a = 6_378_137.0, f = 1 / 298.257_223_563, e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ lat: Double) -> Double {
            let s = sin(lat * .pi / 180)
            return (1 - e2) * (s / (1 - e2 * s * s) + atanh(e * s) / e)
        }
        let zone = a * a / 2 * (0.01 * .pi / 180) * (q(36.51) - q(36.5))
        let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
        #expect(abs(square.areaSquareMetres - zone) / zone < 5e-5)
    }

    /// GeographicLib 2.1 over the 20 features of sejong_emd_202104.geojson (outer rings minus holes), summed:
    /// 465,599,444.9 m². The official area of 세종특별자치시 is 464.95 km².
    @Test("Sejong's 20 districts add up to the GeographicLib area")
    func sejong() throws {
        let districts = try GeoFixtures.sejongDistricts()
        #expect(districts.count == 20)
        let total = districts.reduce(0) { $0 + $1.area.areaSquareMetres }
        #expect(abs(total - 465_599_444.9) / 465_599_444.9 < 1e-4)
        let union = MultiPolygon.union(districts.map(\.area))
        #expect(abs(union.areaSquareMetres - total) < 1)
        #expect(union.polygons.count == 20)
        // 조치원읍: 13,058,976.4 m² by GeographicLib.
        let jochiwon = try #require(districts.first { $0.code == "3611025000" })
        #expect(abs(jochiwon.area.areaSquareMetres - 13_058_976.4) / 13_058_976.4 < 1e-4)
    }

    @Test("a hole is subtracted from the area and moves the centroid")
    func hole() {
        let outer = GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.02).outerRing
        let hole = GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01).outerRing
        let holed = MultiPolygon(Polygon(rings: [outer, hole]))
        let full = MultiPolygon(Polygon(outer: outer))
        let small = MultiPolygon(Polygon(outer: hole))
        #expect(abs(holed.areaSquareMetres - (full.areaSquareMetres - small.areaSquareMetres)) < 1e-3)
        // The L-shape's centroid lies up and right of the full square's centre (127.01, 36.51).
        #expect(holed.centroid.lon > 127.011 && holed.centroid.lat > 36.511)
    }

    @Test("the centroid of a square is its centre")
    func centroid() {
        let c = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01)).centroid
        #expect(abs(c.lon - 127.005) < 1e-9 && abs(c.lat - 36.505) < 1e-9)
    }

    @Test("the label point is inside every Sejong district and inside a U shape whose centroid is not")
    func labelPoint() throws {
        for district in try GeoFixtures.sejongDistricts() {
            #expect(district.area.contains(district.area.labelPoint), "\(district.name)")
        }
        let u = MultiPolygon(
            Polygon(outer: [
                GeoPoint(lon: 0, lat: 0), GeoPoint(lon: 3, lat: 0), GeoPoint(lon: 3, lat: 3), GeoPoint(lon: 2, lat: 3),
                GeoPoint(lon: 2, lat: 1), GeoPoint(lon: 1, lat: 1), GeoPoint(lon: 1, lat: 3), GeoPoint(lon: 0, lat: 3),
            ]))
        #expect(!u.contains(u.centroid))
        #expect(u.contains(u.labelPoint))
    }

    @Test("distance is zero inside and the geodesic distance to the nearest edge outside")
    func distance() {
        let square = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
        #expect(square.distanceMetres(to: GeoPoint(lon: 127.005, lat: 36.505)) == 0)
        // Due north of the top edge: the nearest point is straight south, on the edge.
        let north = GeoPoint(lon: 127.005, lat: 36.52)
        let expected = Geodesic.distanceMetres(north, GeoPoint(lon: 127.005, lat: 36.51))
        #expect(abs(square.distanceMetres(to: north) - expected) < 0.01)
        #expect(abs(expected - 1109.4) < 1)
        // Beyond the north-east corner the corner itself is nearest.
        let corner = GeoPoint(lon: 127.02, lat: 36.52)
        #expect(abs(square.distanceMetres(to: corner) - Geodesic.distanceMetres(corner, GeoPoint(lon: 127.01, lat: 36.51))) < 0.01)
    }
}
