import Foundation
import MokminAnalysis
import Testing

/// Every solver against brute force on seeded random instances (8–14 candidates, up to 2 existing facilities):
/// the bound brackets the optimum, and a gap of 0 is reported only for an optimal answer.
@Suite("Bounds against brute force")
struct RandomInstanceTests {
    static let seeds: [UInt64] = Array(1...30)

    /// Checks bound ≤ optimum ≤ objective (or the reverse when maximising) and that gap 0 means optimal.
    func check(_ solution: Solution, optimum: Double, maximises: Bool, seed: UInt64) {
        let tolerance = 1e-6 * max(1, abs(optimum))
        if maximises {
            #expect(solution.bound >= optimum - tolerance, "seed \(seed): bound \(solution.bound) below optimum \(optimum)")
            #expect(solution.objective <= optimum + tolerance, "seed \(seed): objective \(solution.objective) above optimum \(optimum)")
        } else {
            #expect(solution.bound <= optimum + tolerance, "seed \(seed): bound \(solution.bound) above optimum \(optimum)")
            #expect(solution.objective >= optimum - tolerance, "seed \(seed): objective \(solution.objective) below optimum \(optimum)")
        }
        #expect(solution.gap >= 0)
        if solution.gap == 0 {
            #expect(abs(solution.objective - optimum) <= tolerance, "seed \(seed): gap 0 but objective \(solution.objective) ≠ \(optimum)")
        }
        // These instances are small: every solver must prove its answer well within the time limit.
        #expect(solution.provenOptimal, "seed \(seed): not proven, gap \(solution.gap)")
    }

    @Test("p-median", arguments: seeds)
    func pMedian(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed)
        let solution = try LocationEngine.solve(instance.problem, kind: .pmedian, timeLimit: 20)
        check(solution, optimum: BruteForce.pMedian(instance), maximises: false, seed: seed)
        #expect(solution.facilities.count == instance.problem.p)
    }

    @Test("p-center", arguments: seeds)
    func pCenter(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed)
        let solution = try LocationEngine.solve(instance.problem, kind: .pcenter, timeLimit: 20)
        check(solution, optimum: BruteForce.pCenter(instance), maximises: false, seed: seed)
    }

    @Test("MCLP", arguments: seeds)
    func maximalCovering(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed)
        let solution = try LocationEngine.solve(instance.problem, kind: .mclp, timeLimit: 20)
        check(solution, optimum: BruteForce.mclp(instance), maximises: true, seed: seed)
        #expect(solution.coveredWeight == solution.objective)
    }

    @Test("LSCP", arguments: seeds)
    func setCovering(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed, demandRange: 15...30, candidateRange: 10...14)
        let solution = try LocationEngine.solve(instance.problem, kind: .lscp, timeLimit: 20)
        check(solution, optimum: Double(BruteForce.lscp(instance)), maximises: false, seed: seed)
        let open = instance.existing + solution.facilities.map { Int($0.dropFirst())! }
        let everything = BruteForce.covered(instance, Array(instance.candidates.indices))
        #expect(BruteForce.covered(instance, open) == everything, "seed \(seed): the sites do not cover all coverable demand")
        #expect(abs(solution.coveredWeight! + solution.uncoverableWeight - instance.problem.demand.reduce(0) { $0 + $1.weight }) < 1e-9)
    }

    @Test("Capacitated coverage", arguments: seeds)
    func capacitated(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed, demandRange: 8...16, candidateRange: 8...11)
        let solution = try LocationEngine.solve(instance.problem, kind: .capacitated, timeLimit: 20)
        check(solution, optimum: BruteForce.capacitated(instance), maximises: true, seed: seed)
        let open = instance.existing + solution.facilities.map { Int($0.dropFirst())! }
        #expect(abs(BruteForce.served(instance, open) - solution.objective) < 1e-6)
    }

    @Test("A time limit of zero still returns a valid bracket", arguments: [UInt64(7), 8, 9])
    func zeroTimeLimit(seed: UInt64) throws {
        let instance = SmallInstance(seed: seed)
        let median = try LocationEngine.solve(instance.problem, kind: .pmedian, timeLimit: 0)
        let optimum = BruteForce.pMedian(instance)
        #expect(median.bound <= optimum + 1e-6 && median.objective >= optimum - 1e-6)
        #expect(median.gap > 0 || abs(median.objective - optimum) < 1e-6)
        let covering = try LocationEngine.solve(instance.problem, kind: .mclp, timeLimit: 0)
        let best = BruteForce.mclp(instance)
        #expect(covering.bound >= best - 1e-6 && covering.objective <= best + 1e-6)
        for kind in ProblemKind.allCases {
            let solution = try LocationEngine.solve(instance.problem, kind: kind, timeLimit: 0)
            #expect(solution.bound.isFinite && solution.gap.isFinite && solution.objective.isFinite, "\(kind)")
            #expect(try !SolutionJSON.encode(solution).isEmpty)
        }
    }
}
