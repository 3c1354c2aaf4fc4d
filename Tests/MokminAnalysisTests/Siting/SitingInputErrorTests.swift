import Foundation
import MokminAnalysis
import Testing

/// Bad input gets a message, Korean first and English second, that names the problem.
@Suite("Siting input errors")
struct SitingInputErrorTests {
    typealias F = SitingFixture

    static let population = [F.place("P0", 0, weight: 10), F.place("P1", 100, weight: 20)]
    static let shelter = F.site("S1", 0, capacity: 50)

    @Test("Radius 0 for EV chargers")
    func zeroRadius() throws {
        let error = try #require(throws: SitingInputError.self) {
            try EVChargerSiting.solve(demand: Self.population, existing: [], candidates: [F.site("c", 0)], radiusMetres: 0, p: 1, timeLimit: 1)
        }
        #expect(error.message.ko.contains("충전 반경") && error.message.ko.contains("입력값 0"))
        #expect(error.message.en.contains("radius (radiusMetres)") && error.message.en.hasSuffix("not 0"))
        #expect(error.description == "\(error.message.ko) / \(error.message.en)")
    }

    @Test("Walking distance that is not finite", arguments: [Double.nan, .infinity, -5])
    func badWalk(walk: Double) throws {
        let error = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: Self.population, shelters: [Self.shelter], walkMetres: walk)
        }
        #expect(error.message.ko.contains("도보 거리") && error.message.en.contains("walking distance"))
    }

    @Test("k larger than the candidates, and k below 1")
    func badK() throws {
        let candidates = [F.site("c1", 0, capacity: 5), F.site("c2", 10, capacity: 5), F.site("c3", 20, capacity: 5)]
        func solve(_ k: Int) throws {
            _ = try ShelterSiting.solve(
                population: Self.population, existing: [Self.shelter], candidates: candidates, k: k, walkMetres: 500, timeLimit: 1
            )
        }
        let tooMany = try #require(throws: SitingInputError.self) { try solve(4) }
        #expect(tooMany.message.ko.contains("k(4)") && tooMany.message.ko.contains("후보지 수(3)"))
        #expect(tooMany.message.en.contains("k (4)") && tooMany.message.en.contains("more than the 3 candidate sites"))
        let none = try #require(throws: SitingInputError.self) { try solve(0) }
        #expect(none.message.ko.contains("k(0)") && none.message.en.contains("must be at least 1"))
    }

    @Test("A shelter without capacity is named")
    func missingCapacity() throws {
        let shelters = [Self.shelter, F.site("S2", 300, name: "중앙공원")]
        let error = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: Self.population, shelters: shelters, walkMetres: 500)
        }
        #expect(error.message.ko == "대피소 \"중앙공원\"(S2)에 수용 인원(capacity)이 없습니다")
        #expect(error.message.en == "shelter \"중앙공원\" (S2) has no capacity")
        let candidate = try #require(throws: SitingInputError.self) {
            try ShelterSiting.solve(
                population: Self.population, existing: [Self.shelter], candidates: [F.site("c1", 0, name: "시청 광장")], k: 1,
                walkMetres: 500, timeLimit: 1
            )
        }
        #expect(candidate.message.ko.hasPrefix("후보 대피소 \"시청 광장\"(c1)") && candidate.message.en.hasPrefix("candidate shelter \"시청 광장\" (c1)"))
        let zero = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: Self.population, shelters: [F.site("S3", 0, capacity: 0)], walkMetres: 500)
        }
        #expect(zero.message.en.contains("(S3) must have a finite capacity above 0, not 0"))
    }

    @Test("Empty demand and empty population")
    func emptyDemand() throws {
        let demand = try #require(throws: SitingInputError.self) {
            try EVChargerSiting.solve(demand: [], existing: [], candidates: [F.site("c", 0)], radiusMetres: 500, p: 1, timeLimit: 1)
        }
        #expect(demand == SitingInputError(ko: "수요 지점 목록이 비어 있습니다", en: "the list of demand places is empty"))
        let population = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: [], shelters: [Self.shelter], walkMetres: 500)
        }
        #expect(population.message.ko.contains("인구 지점") && population.message.en.contains("population places"))
    }

    @Test("Negative weight, duplicate ids, bad location, negative time limit")
    func otherProblems() throws {
        let negative = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: [F.place("P9", 0, weight: -3)], shelters: [Self.shelter], walkMetres: 500)
        }
        #expect(negative.message.ko.contains("P9") && negative.message.en == "population place P9 has a negative weight (-3)")
        let duplicate = try #require(throws: SitingInputError.self) {
            try EVChargerSiting.solve(
                demand: Self.population, existing: [F.site("c", 0)], candidates: [F.site("c", 50)], radiusMetres: 500, p: 1, timeLimit: 1
            )
        }
        #expect(duplicate.message.en == "id \"c\" appears more than once among the existing chargers and candidate sites")
        let samePlace = try #require(throws: SitingInputError.self) {
            try ShelterAdequacy.evaluate(population: Self.population + [F.place("P0", 5, weight: 1)], shelters: [], walkMetres: 500)
        }
        #expect(samePlace.message.ko.contains("\"P0\"") && samePlace.message.en.contains("population places"))
        let location = try #require(throws: SitingInputError.self) {
            let bad = WeightedPlace(id: "lost", location: .init(lon: 1e300, lat: .nan), weight: 1)
            return try ShelterAdequacy.evaluate(population: [bad], shelters: [], walkMetres: 500)
        }
        #expect(location.message.en.contains("lost") && location.message.en.contains("out of range"))
        let time = try #require(throws: SitingInputError.self) {
            try EVChargerSiting.solve(demand: Self.population, existing: [], candidates: [F.site("c", 0)], radiusMetres: 500, p: 1, timeLimit: -1)
        }
        #expect(time.message.en.contains("time limit"))
    }
}
