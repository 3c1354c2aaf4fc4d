import MokminGeo
import Testing

@Suite("Geodesic distance against PROJ's geod")
struct GeodesicTests {
    /// Reference distances from PROJ 9.1.1, e.g. `echo "37.5663 126.9779 35.1798 129.0750" | geod +ellps=WGS84 -I +units=m`
    /// (input is lat lon lat lon; the third output column is the distance in metres).
    static let references: [(String, GeoPoint, GeoPoint, Double)] = [
        ("서울시청–부산시청", GeoPoint(lon: 126.9779, lat: 37.5663), GeoPoint(lon: 129.0750, lat: 35.1798), 324_853.140),
        ("1 km north", GeoPoint(lon: 126.9779, lat: 37.5663), GeoPoint(lon: 126.9779, lat: 37.5753), 998.895),
        ("1 km east", GeoPoint(lon: 126.9779, lat: 37.5663), GeoPoint(lon: 126.9892, lat: 37.5663), 998.323),
        ("0.01° along 36.5°N", GeoPoint(lon: 127.0, lat: 36.5), GeoPoint(lon: 127.01, lat: 36.5), 895.911),
        ("서울–제주", GeoPoint(lon: 126.9779, lat: 37.5663), GeoPoint(lon: 126.5312, lat: 33.4996), 453_015.652),
        ("across the Pacific", GeoPoint(lon: 0, lat: 0), GeoPoint(lon: 179.5, lat: 0.5), 19_936_288.579),
    ]

    @Test("Vincenty matches geod to 1 mm", arguments: references.indices)
    func matchesGeod(index: Int) {
        let (name, a, b, metres) = Self.references[index]
        let d = Geodesic.distanceMetres(a, b)
        #expect(abs(d - metres) < 0.001, "\(name): \(d)")
        #expect(abs(Geodesic.distanceMetres(b, a) - metres) < 0.001, "\(name) reversed")
    }

    /// `echo "0 0 0 179.7" | geod +ellps=WGS84 -I +units=m` gives 19995624.890 and `echo "10 20 -10 -160.1" | geod …`
    /// gives 20003008.422; Vincenty's iteration does not converge for either.
    @Test("nearly antipodal points, where Vincenty fails, still match geod to 1 mm")
    func antipodal() {
        let equator = Geodesic.distanceMetres(GeoPoint(lon: 0, lat: 0), GeoPoint(lon: 179.7, lat: 0))
        #expect(abs(equator - 19_995_624.890) < 0.001, "\(equator)")
        let skew = Geodesic.distanceMetres(GeoPoint(lon: 20, lat: 10), GeoPoint(lon: -160.1, lat: -10))
        #expect(abs(skew - 20_003_008.422) < 0.001, "\(skew)")
        #expect(Geodesic.distanceMetres(GeoPoint(lon: 127, lat: 37), GeoPoint(lon: 127, lat: 37)) == 0)
    }
}
