import Foundation
import MokminAnalysis
import Testing

/// Random non-metric distance matrices have real duality gaps, so these instances exercise the branch and bound
/// (penalty fixing, branching, pruning) rather than a root relaxation that is already tight.
@Suite("Branch and bound on random matrices")
struct MatrixInstanceTests {
    /// A random demand × candidate matrix of integers 1…100, with weights 1…5, 12–14 candidates, p = 2…5.
    static func instance(seed: UInt64) throws -> (problem: LocationProblem, matrix: [[Double]]) {
        var rng = SplitMix64(seed: seed &* 7919)
        let n = Int.random(in: 14...22, using: &rng), m = Int.random(in: 12...14, using: &rng)
        let matrix = (0..<n).map { _ in (0..<m).map { _ in Double(Int.random(in: 1...100, using: &rng)) } }
        let problem = LocationProblem(
            demand: (0..<n).map { DemandPoint(id: "d\($0)", weight: Double(Int.random(in: 1...5, using: &rng))) },
            candidates: (0..<m).map { CandidateSite(id: "c\($0)", capacity: Double(Int.random(in: 4...15, using: &rng))) },
            p: Int.random(in: 2...5, using: &rng),
            radius: 25,
            distances: .matrix(try DistanceMatrix(rows: matrix))
        )
        return (problem, matrix)
    }

    static func best(_ problem: LocationProblem, maximise: Bool, value: ([Int]) -> Double) -> Double {
        let values = BruteForce.subsets(of: Array(problem.candidates.indices), size: problem.p).map(value)
        return maximise ? values.max()! : values.min()!
    }

    @Test("p-median matches brute force and the search branches")
    func pMedian() throws {
        var branched = 0
        for seed in UInt64(1)...25 {
            let (problem, matrix) = try Self.instance(seed: seed)
            let optimum = Self.best(problem, maximise: false) { open in
                matrix.indices.reduce(0.0) { total, i in total + problem.demand[i].weight * open.map { matrix[i][$0] }.min()! }
            }
            let solution = try LocationEngine.solve(problem, kind: .pmedian, timeLimit: 20)
            #expect(solution.provenOptimal && solution.gap == 0, "seed \(seed)")
            #expect(solution.objective == optimum, "seed \(seed): \(solution.objective) vs \(optimum)")
            if solution.nodes > 1 { branched += 1 }
        }
        #expect(branched > 0, "no instance needed branching, so the branch and bound went untested")
    }

    @Test("MCLP matches brute force and the search branches")
    func maximalCovering() throws {
        var branched = 0
        for seed in UInt64(1)...25 {
            let (problem, matrix) = try Self.instance(seed: seed)
            let optimum = Self.best(problem, maximise: true) { open in
                matrix.indices.filter { i in open.contains { matrix[i][$0] <= 25 } }.reduce(0.0) { $0 + problem.demand[$1].weight }
            }
            let solution = try LocationEngine.solve(problem, kind: .mclp, timeLimit: 20)
            #expect(solution.provenOptimal && solution.gap == 0, "seed \(seed)")
            #expect(solution.objective == optimum, "seed \(seed): \(solution.objective) vs \(optimum)")
            if solution.nodes > 1 { branched += 1 }
        }
        #expect(branched > 0, "no instance needed branching, so the branch and bound went untested")
    }

    @Test("LSCP matches brute force on random coverage")
    func setCovering() throws {
        for seed in UInt64(1)...25 {
            let (problem, matrix) = try Self.instance(seed: seed)
            let coverable = matrix.indices.filter { i in matrix[i].contains { $0 <= 25 } }
            let free = Array(problem.candidates.indices)
            let optimum = (0...free.count).first { size in
                BruteForce.subsets(of: free, size: size).contains { open in
                    coverable.allSatisfy { i in open.contains { matrix[i][$0] <= 25 } }
                }
            }!
            let solution = try LocationEngine.solve(problem, kind: .lscp, timeLimit: 20)
            #expect(solution.provenOptimal && solution.objective == Double(optimum), "seed \(seed): \(solution.objective) vs \(optimum)")
            #expect(solution.uncoverableDemand.count == matrix.count - coverable.count)
        }
    }
}
