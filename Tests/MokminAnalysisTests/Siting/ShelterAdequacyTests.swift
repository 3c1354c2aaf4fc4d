import Foundation
import MokminAnalysis
import MokminGeo
import Testing

/// Shelter loads under the nearest-shelter rule, on layouts small enough to work out by hand.
@Suite("Shelter adequacy")
struct ShelterAdequacyTests {
    typealias F = SitingFixture

    /// Four places on a line (east 0, 300, 900, 2000 m) and two shelters (east 100 m for 100 people, 1000 m for 50).
    static let population = [
        F.place("P0", 0, weight: 60, area: "가동"), F.place("P1", 300, weight: 70, area: "가동"),
        F.place("P2", 900, weight: 40, area: "나동"), F.place("P3", 2000, weight: 25, area: "나동"),
    ]
    static let shelters = [F.site("S1", 100, capacity: 100, name: "가동 공원"), F.site("S2", 1000, capacity: 50, name: "나동 운동장")]

    @Test("Line of four places: unreached, assigned, overload per shelter and per area")
    func line() throws {
        // Within 500 m: P0 → S1 (100 m), P1 → S1 (200 m), P2 → S2 (100 m); P3 is 1000 m from S2.
        let report = try ShelterAdequacy.evaluate(population: Self.population, shelters: Self.shelters, walkMetres: 500)
        #expect(report.totalPopulation == 195)
        #expect(report.unreachedPopulation == 25 && report.unreachedPlaces == ["P3"])
        #expect(report.overloadedPopulation == 30)
        #expect(report.servedPopulation == 140)
        #expect(
            report.shelters == [
                ShelterLoad(id: "S1", name: "가동 공원", capacity: 100, assigned: 130),
                ShelterLoad(id: "S2", name: "나동 운동장", capacity: 50, assigned: 40),
            ]
        )
        #expect(report.shelters.map(\.overload) == [30, 0] && report.shelters.map(\.utilisation) == [1.3, 0.8])
        #expect(
            report.areas == [
                AreaShelterSummary(area: "가동", population: 130, unreached: 0, assignedToOverloaded: 130),
                AreaShelterSummary(area: "나동", population: 65, unreached: 25, assignedToOverloaded: 0),
            ]
        )
    }

    @Test("A longer walk reaches the far place; each place still goes wholly to its nearest shelter")
    func longerWalk() throws {
        // At 1000 m P1 (200 m from S1, 700 m from S2) still goes to S1, and P3 reaches S2 at 1000 m.
        let report = try ShelterAdequacy.evaluate(population: Self.population, shelters: Self.shelters, walkMetres: 1_001)
        #expect(report.unreachedPopulation == 0 && report.unreachedPlaces.isEmpty)
        #expect(report.shelters.map(\.assigned) == [130, 65])
        #expect(report.overloadedPopulation == 30 + 15)
        #expect(report.areas.map(\.assignedToOverloaded) == [130, 65])
    }

    @Test("Equally near shelters: the smaller id wins; places without an area are reported last")
    func ties() throws {
        let shelters = [F.site("b", 0, capacity: 10), F.site("a", 0, capacity: 10)]
        let population = [F.place("x", 100, weight: 5), F.place("y", 0, 100, weight: 7, area: "다동")]
        let report = try ShelterAdequacy.evaluate(population: population, shelters: shelters, walkMetres: 500)
        #expect(report.shelters.map(\.id) == ["b", "a"] && report.shelters.map(\.assigned) == [0, 12])
        #expect(report.overloadedPopulation == 2)
        #expect(report.areas.map(\.area) == ["다동", nil] && report.areas.map(\.population) == [7, 5])
    }

    @Test("No shelters: everyone is unreached")
    func noShelters() throws {
        let report = try ShelterAdequacy.evaluate(population: Self.population, shelters: [], walkMetres: 500)
        #expect(report.unreachedPopulation == 195 && report.unreachedPlaces == ["P0", "P1", "P2", "P3"])
        #expect(report.overloadedPopulation == 0 && report.shelters.isEmpty)
    }

    @Test("The report survives a JSON round trip")
    func codable() throws {
        let report = try ShelterAdequacy.evaluate(population: Self.population, shelters: Self.shelters, walkMetres: 500)
        let decoded = try JSONDecoder().decode(ShelterReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test("Planar UTM-K distances are within 0.1 % of geodesic ones from Baengnyeongdo to Ulleungdo")
    func planarAccuracy() {
        for (lon, lat) in [(124.68, 37.96), (126.98, 37.57), (126.53, 33.5), (129.07, 35.18), (130.9, 37.48)] {
            let a = GeoPoint(lon: lon, lat: lat)
            let q = Projection.utmK.project(a)
            let b = Projection.utmK.unproject(ProjectedPoint(x: q.x + 300, y: q.y + 400))
            #expect(abs(Geodesic.distanceMetres(a, b) / 500 - 1) < 0.001, "at \(lon), \(lat)")
        }
    }
}
