import Foundation

/// The entry point of the location engine: validates a problem, solves it, and returns the answer with its bound.
public enum LocationEngine: Sendable {
    /// Solves `problem` as `kind`, stopping at `timeLimit` seconds with the best answer and bound found so far.
    ///
    /// - Throws: `LocationInputError` for an instance that cannot be solved as given.
    public static func solve(_ problem: LocationProblem, kind: ProblemKind, timeLimit: Double = 60) throws -> Solution {
        try problem.validate(for: kind)
        let deadline = Deadline(seconds: timeLimit)
        let existing = try problem.existingIndices()
        switch kind {
        case .pmedian: return try pMedian(problem, existing: existing, deadline: deadline)
        case .pcenter: return try pCenter(problem, existing: existing, deadline: deadline)
        case .mclp: return maximalCovering(problem, existing: existing, deadline: deadline)
        case .lscp: return setCovering(problem, existing: existing, deadline: deadline)
        case .capacitated: return capacitated(problem, existing: existing, deadline: deadline)
        }
    }

    private static func ids(_ problem: LocationProblem, _ indices: [Int]) -> [String] {
        indices.sorted().map { problem.candidates[$0].id }
    }

    /// The dense matrix for p-median and p-center, which need every distance finite.
    private static func finiteDistances(_ problem: LocationProblem) throws -> DistanceMatrix {
        let matrix = try problem.denseDistances()
        for i in 0..<matrix.rows where problem.demand[i].weight > 0 {
            for j in 0..<matrix.columns where !matrix[i, j].isFinite {
                throw LocationInputError(
                    .invalidDistance,
                    korean: "거리 (\(problem.demand[i].id), \(problem.candidates[j].id))가 무한대입니다",
                    english: "distance (\(problem.demand[i].id), \(problem.candidates[j].id)) is infinite"
                )
            }
        }
        return matrix
    }

    private static func pMedian(_ problem: LocationProblem, existing: [Int], deadline: Deadline) throws -> Solution {
        let model = PMedianModel(distances: try finiteDistances(problem), weights: problem.demand.map(\.weight))
        var search = SelectionSearch(model: model, p: problem.p, fixed: existing, deadline: deadline)
        let result = search.run()
        return Solution(
            kind: .pmedian, objective: result.cost, bound: result.bound, seconds: deadline.elapsed,
            facilities: ids(problem, result.chosen), existing: ids(problem, existing),
            provenOptimal: result.proven, nodes: result.nodes
        )
    }

    private static func pCenter(_ problem: LocationProblem, existing: [Int], deadline: Deadline) throws -> Solution {
        let solver = PCenterSolver(
            distances: try finiteDistances(problem), weights: problem.demand.map(\.weight), existing: existing,
            p: problem.p, deadline: deadline
        )
        let result = solver.solve()
        return Solution(
            kind: .pcenter, objective: result.objective, bound: result.bound, seconds: deadline.elapsed,
            facilities: ids(problem, result.chosen), existing: ids(problem, existing),
            provenOptimal: result.proven, nodes: result.nodes
        )
    }

    /// Merged demand groups up to which maximal covering is solved with the exact LP bound (see `maximalCovering`).
    static let exactLPGroupLimit = 1_000
    /// Seconds the Lagrangian search gets before the exact LP search on such models.
    static let lagrangianFirstTurn = 0.05

    private static func maximalCovering(_ problem: LocationProblem, existing: [Int], deadline: Deadline) -> Solution {
        let coverage = CoverageLists.build(problem, radius: problem.radius ?? 0)
        let reduction = CoverageReduction(coverage: coverage, weights: problem.demand.map(\.weight), existing: existing)
        let model = CoverageModel(reduction: reduction)
        let result: SelectionResult
        // The exact LP bound (CoverageSearch) proves dense city-sized instances (up to ~1,000 points, each site
        // reaching 5–15 % of them) that the subgradient search cannot close. On thousands of merged groups its root LP
        // costs more than the Lagrangian search needs for its whole proof (5,000 × 500: 6.7 s against 0.3 s; 20,000 ×
        // 2,000: root LP unfinished after 60 s; 2,000 × 300 with ~1,500 groups: 0.23 s against 0.006 s), so larger models keep
        // the Lagrangian search. MOKMIN_LAGRANGIAN=1 forces it.
        let exactLP = model.weight.count <= Self.exactLPGroupLimit && ProcessInfo.processInfo.environment["MOKMIN_LAGRANGIAN"] == nil
        if exactLP {
            // Most dense instances are proven by the Lagrangian search in a few milliseconds, faster than the LP's cold
            // root (measured on Benchmarks/location/dense.sh); it gets a short first turn, and the LP search the rest.
            let first = deadline.turn(seconds: min(Self.lagrangianFirstTurn, deadline.remaining / 4))
            var lagrangian = SelectionSearch(model: model, p: problem.p, fixed: existing, deadline: first)
            let quick = lagrangian.run()
            if quick.proven {
                result = quick
            } else {
                var search = CoverageSearch(model: model, p: problem.p, fixed: existing, deadline: deadline)
                let exact = search.run()
                // Both bounds are valid (lower bounds on the cost, minus the covered weight): keep the better answer
                // and the tighter bound.
                let best = exact.cost <= quick.cost ? exact : quick
                let bound = max(exact.bound, quick.bound)
                result = SelectionResult(
                    chosen: best.chosen, cost: best.cost, bound: min(bound, best.cost),
                    proven: exact.proven || bound >= best.cost, nodes: quick.nodes + exact.nodes
                )
            }
        } else {
            var search = SelectionSearch(model: model, p: problem.p, fixed: existing, deadline: deadline)
            result = search.run()
        }
        let covered = reduction.coveredByExisting - result.cost
        return Solution(
            kind: .mclp, objective: covered, bound: reduction.coveredByExisting - result.bound, seconds: deadline.elapsed,
            facilities: ids(problem, result.chosen), existing: ids(problem, existing), coveredWeight: covered,
            uncoverableDemand: reduction.uncoverable.map { problem.demand[$0].id },
            uncoverableWeight: reduction.uncoverableWeight, provenOptimal: result.proven, nodes: result.nodes
        )
    }

    private static func setCovering(_ problem: LocationProblem, existing: [Int], deadline: Deadline) -> Solution {
        let coverage = CoverageLists.build(problem, radius: problem.radius ?? 0)
        let reduction = CoverageReduction(coverage: coverage, weights: problem.demand.map(\.weight), existing: existing)
        var solver = SetCoverSolver(rows: reduction.groupColumns, columnCount: problem.candidates.count, deadline: deadline)
        let result = solver.solve()
        let chosen = result.cover ?? []
        let total = problem.demand.reduce(0) { $0 + $1.weight }
        return Solution(
            kind: .lscp, objective: Double(chosen.count), bound: Double(result.bound), seconds: deadline.elapsed,
            facilities: ids(problem, chosen), existing: ids(problem, existing),
            coveredWeight: total - reduction.uncoverableWeight,
            uncoverableDemand: reduction.uncoverable.map { problem.demand[$0].id },
            uncoverableWeight: reduction.uncoverableWeight, provenOptimal: result.proven, nodes: result.nodes
        )
    }

    private static func capacitated(_ problem: LocationProblem, existing: [Int], deadline: Deadline) -> Solution {
        let coverage = CoverageLists.build(problem, radius: problem.radius ?? 0)
        let reduction = CoverageReduction(coverage: coverage, weights: problem.demand.map(\.weight), existing: [])
        let model = CapacitatedModel(reduction: reduction, capacities: problem.candidates.map(\.capacity))
        var search = SelectionSearch(model: model, p: problem.p, fixed: existing, deadline: deadline)
        let result = search.run()
        return Solution(
            kind: .capacitated, objective: -result.cost, bound: -result.bound, seconds: deadline.elapsed,
            facilities: ids(problem, result.chosen), existing: ids(problem, existing), coveredWeight: -result.cost,
            uncoverableDemand: reduction.uncoverable.map { problem.demand[$0].id },
            uncoverableWeight: reduction.uncoverableWeight, provenOptimal: result.proven, nodes: result.nodes
        )
    }
}
