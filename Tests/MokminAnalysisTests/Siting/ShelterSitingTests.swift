import Foundation
import MokminAnalysis
import Testing

/// New shelters chosen by capacitated coverage, on layouts whose best choice is clear.
@Suite("Shelter siting")
struct ShelterSitingTests {
    typealias F = SitingFixture

    @Test("The one candidate near the unreached cluster is chosen; served rises by that cluster, proven")
    func unreachedCluster() throws {
        let population = [
            F.place("A1", -50, weight: 50, area: "가동"), F.place("A2", 50, weight: 50, area: "가동"),
            F.place("B1", 3000, weight: 40, area: "나동"), F.place("B2", 3000, 100, weight: 40, area: "나동"),
        ]
        let existing = [F.site("S1", 0, capacity: 100)]
        let candidates = [
            F.site("near-A", 200, capacity: 100),  // reaches only people S1 already serves
            F.site("B", 3050, 50, capacity: 100),
            F.site("big-but-empty", 1500, capacity: 500),  // reaches nobody
        ]
        let result = try ShelterSiting.solve(
            population: population, existing: existing, candidates: candidates, k: 1, walkMetres: 500, timeLimit: 10
        )
        #expect(result.chosen.map(\.id) == ["B"])
        #expect(result.servedBefore == 100 && result.servedAfter == 180)
        #expect(result.provenOptimal && result.gap == 0 && result.bound == 180)
        #expect(result.before.unreachedPopulation == 80 && result.before.unreachedPlaces == ["B1", "B2"])
        #expect(result.before.overloadedPopulation == 0 && result.before.servedPopulation == 100)
        #expect(result.after.unreachedPopulation == 0 && result.after.overloadedPopulation == 0)
        #expect(result.after.shelters.map(\.id) == ["S1", "B"] && result.after.shelters.map(\.assigned) == [100, 80])
        #expect(result.after.areas.map(\.unreached) == [0, 0] && result.before.areas.map(\.unreached) == [0, 80])
    }

    @Test("Served counts directed assignment; the after report keeps the nearest rule and may still show overload")
    func directedVersusNearest() throws {
        // S1 (100 people) serves both places but 130 live there. C1 (40 people) at 250 m relieves it if people are
        // directed, yet P2 is nearer C1 than S1, so under the nearest rule C1 takes all 70 of them and overflows.
        let population = [F.place("P1", -100, weight: 60), F.place("P2", 150, weight: 70)]
        let result = try ShelterSiting.solve(
            population: population, existing: [F.site("S1", 0, capacity: 100)],
            candidates: [F.site("C1", 250, capacity: 40), F.site("far", 5000, capacity: 1000)], k: 1, walkMetres: 500, timeLimit: 10
        )
        #expect(result.chosen.map(\.id) == ["C1"])
        #expect(result.servedBefore == 100 && result.servedAfter == 130 && result.provenOptimal)
        #expect(result.before.overloadedPopulation == 30 && result.before.shelters.map(\.assigned) == [130])
        #expect(result.after.shelters.map(\.assigned) == [60, 70] && result.after.overloadedPopulation == 30)
        #expect(result.after.servedPopulation == 100 && result.after.servedPopulation <= result.servedAfter)
    }

    @Test("Two new shelters serve both the unreached and the overloaded")
    func twoNew() throws {
        let population = F.cluster("A", 0, weight: 30, area: "가동") + F.cluster("B", 4000, weight: 10, area: "나동")
        let result = try ShelterSiting.solve(
            population: population, existing: [F.site("S1", 0, capacity: 100)],
            candidates: [F.site("A+", 0, 150, capacity: 60), F.site("B", 4000, capacity: 30), F.site("B+", 4000, 150, capacity: 60)],
            k: 2, walkMetres: 400, timeLimit: 10
        )
        // A has 150 people for S1's 100: A+ serves the other 50; B's 50 people need B+ (60), not B (30).
        #expect(Set(result.chosen.map(\.id)) == ["A+", "B+"])
        #expect(result.servedBefore == 100 && result.servedAfter == 200 && result.provenOptimal && result.gap == 0)
        #expect(result.before.unreachedPopulation == 50 && result.before.overloadedPopulation == 50)
    }

    @Test("With no existing shelters everyone starts unserved")
    func noExisting() throws {
        let population = [F.place("A1", -50, weight: 50), F.place("A2", 50, weight: 50), F.place("B1", 3000, weight: 80)]
        let candidates = [F.site("A", 200, capacity: 100), F.site("B", 3050, capacity: 100), F.site("mid", 1500, capacity: 500)]
        let result = try ShelterSiting.solve(
            population: population, existing: [], candidates: candidates, k: 2, walkMetres: 500, timeLimit: 10
        )
        #expect(result.chosen.map(\.id) == ["A", "B"] && result.servedBefore == 0 && result.servedAfter == 180)
        #expect(result.before.unreachedPopulation == 180 && result.before.shelters.isEmpty && result.provenOptimal)
        #expect(result.after.servedPopulation == 180)
    }
}
