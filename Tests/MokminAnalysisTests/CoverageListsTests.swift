import Foundation
import Testing

@testable import MokminAnalysis

/// The spatial grid behind large coverage instances must find exactly the pairs within the radius.
@Suite("Coverage lists")
struct CoverageListsTests {
    func pairs(_ demand: [PlanarPoint], _ sites: [PlanarPoint], _ metric: DistanceMetric, _ radius: Double) -> [[Int32]] {
        sites.map { site in demand.indices.filter { metric.distance(demand[$0], site) <= radius }.map(Int32.init) }
    }

    @Test("Euclidean grid equals all-pairs, including points exactly on the radius", arguments: [UInt64(1), 2, 3])
    func euclidean(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Integer coordinates and radii make exact ties (distance == radius) common.
        let demand = (0..<400).map { _ in PlanarPoint(x: Double(Int.random(in: 0...60, using: &rng)), y: Double(Int.random(in: 0...60, using: &rng)))
        }
        let sites = (0..<40).map { _ in
            PlanarPoint(x: Double(Int.random(in: -10...70, using: &rng)), y: Double(Int.random(in: -10...70, using: &rng)))
        }
        for radius in [0.0, 1, 5, 13, 100] {
            let lists = CoverageLists.build(demand: demand, candidates: sites, metric: .euclidean, radius: radius)
            #expect(lists.columns == pairs(demand, sites, .euclidean, radius), "radius \(radius)")
        }
    }

    @Test("Geodesic grid equals all-pairs around Seoul")
    func geodesic() {
        var rng = SplitMix64(seed: 11)
        func point() -> PlanarPoint {
            PlanarPoint(x: Double.random(in: 126.8...127.2, using: &rng), y: Double.random(in: 37.4...37.7, using: &rng))
        }
        let demand = (0..<600).map { _ in point() }
        let sites = (0..<30).map { _ in point() }
        for radius in [500.0, 2_000, 7_500] {
            let lists = CoverageLists.build(demand: demand, candidates: sites, metric: .geodesic, radius: radius)
            #expect(lists.columns == pairs(demand, sites, .geodesic, radius), "radius \(radius)")
        }
    }

    @Test("Merging demand with the same covering sites keeps the weights")
    func merging() {
        let coverage = CoverageLists(demandCount: 5, columns: [[0, 1, 2], [2, 3], []])
        let reduction = CoverageReduction(coverage: coverage, weights: [1, 2, 4, 8, 16], existing: [])
        #expect(reduction.groupWeight == [3, 4, 8])
        #expect(reduction.uncoverable == [4] && reduction.uncoverableWeight == 16)
        let withExisting = CoverageReduction(coverage: coverage, weights: [1, 2, 4, 8, 16], existing: [1])
        #expect(withExisting.coveredByExisting == 12 && withExisting.groupWeight == [3])
    }

    @Test("Set-cover reductions keep an optimal cover")
    func setCoverReduction() {
        // Row {0} forces column 0 (and covers row {0, 3}); row {1, 2} makes row {1, 2, 3} redundant; columns 1 and 2
        // then cover the same rows, so one goes and the other is forced: two columns in all, the optimum.
        let reduction = SetCoverReduction(rows: [[0], [1, 2], [1, 2, 3], [0, 3]], columnCount: 4)
        #expect(reduction.forced.count == 2 && reduction.forced.contains(0) && !reduction.forced.contains(3))
        #expect(reduction.rows.isEmpty)
    }
}
