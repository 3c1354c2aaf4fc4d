import Foundation
import MokminAnalysis
import Testing

/// Layouts whose optimum is known by construction, so the exact numbers and sites can be checked.
@Suite("Known optima")
struct KnownLayoutTests {
    /// Builds an instance from coordinates: demand (x, y, weight) and candidates (id, x, y, capacity).
    static func problem(
        demand: [(Double, Double, Double)], candidates: [(String, Double, Double, Double?)], existing: [String] = [],
        p: Int, radius: Double? = nil
    ) -> LocationProblem {
        LocationProblem(
            demand: demand.enumerated().map { DemandPoint(id: "d\($0.offset)", weight: $0.element.2) },
            candidates: candidates.map { CandidateSite(id: $0.0, capacity: $0.3) },
            existing: existing, p: p, radius: radius,
            distances: .coordinates(
                demand: demand.map { PlanarPoint(x: $0.0, y: $0.1) },
                candidates: candidates.map { PlanarPoint(x: $0.1, y: $0.2) },
                metric: .euclidean
            )
        )
    }

    /// Five points (a plus sign of arm 1) around each centre, with the given weight each.
    static func cluster(_ x: Double, _ y: Double, weight: Double = 1) -> [(Double, Double, Double)] {
        [(x, y, weight), (x + 1, y, weight), (x - 1, y, weight), (x, y + 1, weight), (x, y - 1, weight)]
    }

    static let centres: [(String, Double, Double)] = [("A", 0, 0), ("B", 1000, 0), ("C", 0, 1000), ("D", 1000, 1000)]

    /// The four centres plus decoys 3 units off each centre and one in the middle.
    static var sites: [(String, Double, Double, Double?)] {
        centres.map { ($0.0, $0.1, $0.2, nil) } + centres.map { ("\($0.0)'", $0.1 + 3, $0.2 + 3, nil) } + [("M", 500, 500, nil)]
    }

    @Test("p-median opens the centres of well-separated clusters")
    func pMedianClusters() throws {
        let demand = Self.centres.prefix(3).flatMap { Self.cluster($0.1, $0.2) }
        let solution = try LocationEngine.solve(Self.problem(demand: demand, candidates: Self.sites, p: 3), kind: .pmedian)
        #expect(solution.facilities == ["A", "B", "C"])
        #expect(abs(solution.objective - 12) < 1e-9)
        #expect(solution.provenOptimal && solution.gap == 0 && solution.bound == solution.objective)
    }

    @Test("p-median with an existing facility opens only the other centres")
    func pMedianExisting() throws {
        let demand = Self.centres.prefix(3).flatMap { Self.cluster($0.1, $0.2) }
        let problem = Self.problem(demand: demand, candidates: Self.sites, existing: ["B"], p: 2)
        let solution = try LocationEngine.solve(problem, kind: .pmedian)
        #expect(solution.facilities == ["A", "C"] && solution.existing == ["B"])
        #expect(abs(solution.objective - 12) < 1e-9 && solution.provenOptimal)
    }

    @Test("p-center on a line of 11 points", arguments: [(1, 5.0), (2, 3.0), (3, 2.0), (4, 1.0)])
    func pCenterLine(p: Int, radius: Double) throws {
        let points = (0...10).map { (Double($0), 0.0, 1.0) }
        let candidates = (0...10).map { ("s\($0)", Double($0), 0.0, Double?.none) }
        let solution = try LocationEngine.solve(Self.problem(demand: points, candidates: candidates, p: p), kind: .pcenter)
        #expect(solution.objective == radius)
        #expect(solution.provenOptimal && solution.bound == radius)
        #expect(solution.facilities.count == p)
    }

    @Test("MCLP picks the heaviest clusters and counts existing coverage")
    func maximalCovering() throws {
        let weights = [10.0, 20, 30, 40]
        let demand: [(Double, Double, Double)] = zip(Self.centres, weights).flatMap { centre, weight in
            Self.cluster(centre.1, centre.2, weight: weight / 5)
        }
        let plain = try LocationEngine.solve(Self.problem(demand: demand, candidates: Self.sites, p: 2, radius: 2), kind: .mclp)
        #expect(plain.facilities == ["C", "D"])
        #expect(abs(plain.objective - 70) < 1e-9 && plain.coveredWeight == plain.objective && plain.provenOptimal)
        let withExisting = Self.problem(demand: demand, candidates: Self.sites, existing: ["D"], p: 2, radius: 2)
        let solution = try LocationEngine.solve(withExisting, kind: .mclp)
        #expect(solution.facilities == ["B", "C"])
        #expect(abs(solution.objective - 90) < 1e-9 && solution.provenOptimal && solution.gap == 0)
    }

    @Test("LSCP needs one site per cluster and reports the demand no site can reach")
    func setCovering() throws {
        let demand: [(Double, Double, Double)] = Self.centres.flatMap { Self.cluster($0.1, $0.2) } + [(5000.0, 5000.0, 7.0)]
        let solution = try LocationEngine.solve(Self.problem(demand: demand, candidates: Self.sites, p: 0, radius: 5), kind: .lscp)
        #expect(solution.objective == 4 && solution.provenOptimal)
        #expect(solution.uncoverableDemand == ["d20"] && solution.uncoverableWeight == 7)
        #expect(solution.coveredWeight == 20)
        let withExisting = Self.problem(demand: demand, candidates: Self.sites, existing: ["A", "B"], p: 0, radius: 5)
        let reduced = try LocationEngine.solve(withExisting, kind: .lscp)
        #expect(reduced.objective == 2 && reduced.existing == ["A", "B"] && reduced.facilities.count == 2)
    }

    @Test("Capacitated coverage splits a cluster between sites up to their capacities")
    func capacitated() throws {
        let demand = (0..<10).map { (Double($0) * 0.1, 0.0, 1.0) }
        let sites: [(String, Double, Double, Double?)] = [("X", 0, 0, 6), ("Y", 1, 0, 6), ("Z", 0.5, 0.5, 3), ("far", 100, 100, nil)]
        let one = try LocationEngine.solve(Self.problem(demand: demand, candidates: sites, p: 1, radius: 2), kind: .capacitated)
        #expect(one.objective == 6 && one.bound == 6 && one.provenOptimal)
        let two = try LocationEngine.solve(Self.problem(demand: demand, candidates: sites, p: 2, radius: 2), kind: .capacitated)
        #expect(two.objective == 10 && two.provenOptimal && Set(two.facilities) == ["X", "Y"])
        let existing = Self.problem(demand: demand, candidates: sites, existing: ["Z"], p: 1, radius: 2)
        let topped = try LocationEngine.solve(existing, kind: .capacitated)
        #expect(topped.objective == 9 && topped.provenOptimal && topped.coveredWeight == 9)
    }

    @Test("Geodesic coverage is measured in metres")
    func geodesic() throws {
        // 0.005° of latitude is about 555 m.
        let problem = LocationProblem(
            demand: [DemandPoint(id: "home", weight: 3)], candidates: [CandidateSite(id: "shelter")], p: 1, radius: 600,
            distances: .coordinates(
                demand: [PlanarPoint(x: 127.0, y: 37.5)], candidates: [PlanarPoint(x: 127.0, y: 37.505)], metric: .geodesic
            )
        )
        #expect(try LocationEngine.solve(problem, kind: .mclp).objective == 3)
        var closer = problem
        closer.radius = 500
        #expect(try LocationEngine.solve(closer, kind: .mclp).objective == 0)
        let median = try LocationEngine.solve(problem, kind: .pmedian)
        #expect(abs(median.objective - 3 * 555) < 3 * 5)
    }
}
