import Foundation
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("Projections against PROJ")
struct ProjectionTests {
    /// Reference numbers from PROJ 9.1.1, with points given as "lat lon":
    ///
    ///     cs2cs -f %.4f EPSG:4326 EPSG:5179 < points.txt
    ///     cs2cs -f %.4f EPSG:4326 EPSG:5186 < points.txt
    ///
    /// cs2cs prints these two systems northing first (their EPSG axis order); the literals below are (easting, northing).
    static let references: [(name: String, lat: Double, lon: Double, utmK: (Double, Double), centralBelt: (Double, Double))] = [
        ("서울시청", 37.5663, 126.9779, (953_892.2108, 1_952_009.9410), (198_047.5268, 551_862.8350)),
        ("세종시청", 36.4800, 127.2890, (981_098.9682, 1_831_395.2800), (225_898.5177, 431_345.9444)),
        ("제주시", 33.4996, 126.5312, (910_010.5457, 1_501_279.7889), (156_437.5196, 100_758.4815)),
        ("독도", 37.2429, 131.8669, (1_387_411.2209, 1_924_948.3651), (631_968.9017, 527_088.4585)),
        ("백령도", 37.9670, 124.6300, (747_882.9290, 2_000_225.0907), (-8270.7556, 598_987.9799)),
        ("부산시청", 35.1798, 129.0750, (1_143_412.3902, 1_688_303.2991), (389_021.6752, 289_014.8084)),
        ("울릉도", 37.4844, 130.9057, (1_301_139.0798, 1_948_245.7291), (545_505.0584, 549_945.3338)),
        ("마라도", 33.1167, 126.2667, (884_938.5522, 1_459_086.0534), (131_560.3576, 58431.9824)),
        ("고성", 38.6100, 128.3500, (1_074_005.9397, 2_068_026.8609), (317_587.3483, 668_575.9124)),
        ("목포", 34.8118, 126.3922, (898_678.2921, 1_646_916.9336), (144_387.9446, 246_384.5871)),
        ("UTM-K 원점", 38.0, 127.5, (1_000_000.0, 2_000_000.0), (243_916.3668, 600_117.9755)),
        ("중부원점", 38.0, 127.0, (956_101.1997, 2_000_117.9284), (200_000.0, 600_000.0)),
    ]

    @Test("UTM-K (EPSG:5179) matches cs2cs to 1 mm", arguments: references.indices)
    func utmK(index: Int) {
        let r = Self.references[index]
        let q = Projection.utmK.project(GeoPoint(lon: r.lon, lat: r.lat))
        #expect(abs(q.x - r.utmK.0) < 0.001, "\(r.name) easting \(q.x)")
        #expect(abs(q.y - r.utmK.1) < 0.001, "\(r.name) northing \(q.y)")
    }

    @Test("Central Belt 2010 (EPSG:5186) matches cs2cs to 1 mm", arguments: references.indices)
    func centralBelt(index: Int) {
        let r = Self.references[index]
        let q = Projection.centralBelt.project(GeoPoint(lon: r.lon, lat: r.lat))
        #expect(abs(q.x - r.centralBelt.0) < 0.001, "\(r.name) easting \(q.x)")
        #expect(abs(q.y - r.centralBelt.1) < 0.001, "\(r.name) northing \(q.y)")
    }

    /// `echo "1500000 1100000" | cs2cs -f %.9f EPSG:5179 EPSG:4326` (input northing first) gives 33.487169332 128.576412003.
    @Test("unproject matches cs2cs's inverse")
    func inverse() {
        let p = Projection.utmK.unproject(ProjectedPoint(x: 1_100_000, y: 1_500_000))
        #expect(abs(p.lat - 33.487_169_332) < 2e-9)
        #expect(abs(p.lon - 128.576_412_003) < 2e-9)
    }

    @Test("project then unproject returns the point within 1e-9 degrees", arguments: Projection.allCases)
    func roundTrip(projection: Projection) {
        var random = SeededGenerator(seed: 5179)
        for _ in 0..<2000 {
            let p = GeoPoint(lon: Double.random(in: 124...132, using: &random), lat: Double.random(in: 33...39, using: &random))
            let back = projection.unproject(projection.project(p))
            #expect(abs(back.lon - p.lon) < 1e-9 && abs(back.lat - p.lat) < 1e-9, "\(p) came back as \(back)")
        }
    }

    /// `echo "131.8669 37.2429" | proj -S +proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80`
    /// reports k = 1.00145 at 독도; at 세종시청 (127.2890, 36.4800) it reports 0.999604.
    @Test("the scale factor matches proj -S")
    func scaleFactor() {
        #expect(abs(Projection.utmK.scaleFactor(at: GeoPoint(lon: 127.5, lat: 36)) - 0.9996) < 1e-6)
        #expect(abs(Projection.utmK.scaleFactor(at: GeoPoint(lon: 131.8669, lat: 37.2429)) - 1.00145) < 5e-6)
        #expect(abs(Projection.utmK.scaleFactor(at: GeoPoint(lon: 127.2890, lat: 36.4800)) - 0.999604) < 5e-7)
        #expect(Projection(rawValue: "EPSG:5186") == .centralBelt)
    }
}
