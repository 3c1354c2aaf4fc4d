import Foundation
import MokminAnalysis
import Testing

/// EV charger siting by maximal coverage, keeping the existing chargers.
@Suite("EV charger siting")
struct EVChargerSitingTests {
    typealias F = SitingFixture

    /// Cluster A (5 × 20 = 100) at the origin, cluster B (5 × 12 = 60) 5 km east, a lone place (5) 20 km east.
    static let demand =
        F.cluster("A", 0, weight: 20, area: "가동") + F.cluster("B", 5000, weight: 12, area: "나동")
        + [F.place("far", 20_000, weight: 5, area: "다동")]
    static let candidates = [F.site("cA", 50), F.site("cMid", 2500), F.site("cB", 5000, 50)]

    @Test("The existing charger already covers the heavier cluster, so the new site goes to the other one")
    func otherCluster() throws {
        let result = try EVChargerSiting.solve(
            demand: Self.demand, existing: [F.site("E", 0)], candidates: Self.candidates, radiusMetres: 500, p: 1, timeLimit: 10
        )
        #expect(result.chosen.map(\.id) == ["cB"])
        #expect(result.totalDemand == 165 && result.coveredBefore == 100 && result.coveredAfter == 160)
        #expect(result.provenOptimal && result.gap == 0 && result.bound == 160)
        #expect(
            result.areas == [
                AreaCoverage(area: "가동", demand: 100, coveredBefore: 100, coveredAfter: 100),
                AreaCoverage(area: "나동", demand: 60, coveredBefore: 0, coveredAfter: 60),
                AreaCoverage(area: "다동", demand: 5, coveredBefore: 0, coveredAfter: 0),
            ]
        )
        #expect(result.areas.reduce(0) { $0 + $1.demand } == result.totalDemand)
        #expect(result.areas.reduce(0) { $0 + $1.coveredBefore } == result.coveredBefore)
        #expect(result.areas.reduce(0) { $0 + $1.coveredAfter } == result.coveredAfter)
        #expect(result.coveredPlacesAfter == (0..<5).map { "A\($0)" } + (0..<5).map { "B\($0)" })
    }

    @Test("Without the existing charger the heavier cluster comes first; with p = 2 both are covered")
    func noExisting() throws {
        let one = try EVChargerSiting.solve(demand: Self.demand, existing: [], candidates: Self.candidates, radiusMetres: 500, p: 1, timeLimit: 10)
        #expect(one.chosen.map(\.id) == ["cA"] && one.coveredBefore == 0 && one.coveredAfter == 100 && one.provenOptimal)
        let two = try EVChargerSiting.solve(demand: Self.demand, existing: [], candidates: Self.candidates, radiusMetres: 500, p: 2, timeLimit: 10)
        #expect(two.chosen.map(\.id) == ["cA", "cB"] && two.coveredAfter == 160 && two.provenOptimal)
    }

    @Test("With both clusters already covered, the new site goes to the lone place")
    func lonePlace() throws {
        let candidates = Self.candidates + [F.site("cFar", 20_000)]
        let result = try EVChargerSiting.solve(
            demand: Self.demand, existing: [F.site("E", 0), F.site("E2", 5000)], candidates: candidates, radiusMetres: 500, p: 1, timeLimit: 10
        )
        #expect(result.chosen.map(\.id) == ["cFar"] && result.coveredBefore == 160 && result.coveredAfter == 165)
        #expect(result.areas.map(\.coveredAfter) == [100, 60, 5] && result.coveredPlacesAfter.last == "far")
    }
}
