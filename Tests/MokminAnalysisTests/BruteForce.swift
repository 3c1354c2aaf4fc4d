import Foundation
import MokminAnalysis

/// A random small instance with coordinates in a 100 × 100 square.
struct SmallInstance {
    var problem: LocationProblem
    var demand: [PlanarPoint]
    var candidates: [PlanarPoint]
    var existing: [Int]

    init(seed: UInt64, demandRange: ClosedRange<Int> = 10...24, candidateRange: ClosedRange<Int> = 8...14, maxExisting: Int = 2) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: demandRange, using: &rng)
        let m = Int.random(in: candidateRange, using: &rng)
        demand = (0..<n).map { _ in PlanarPoint(x: Double.random(in: 0..<100, using: &rng), y: Double.random(in: 0..<100, using: &rng)) }
        candidates = (0..<m).map { _ in PlanarPoint(x: Double.random(in: 0..<100, using: &rng), y: Double.random(in: 0..<100, using: &rng)) }
        let weights = (0..<n).map { _ in Double(Int.random(in: 0...9, using: &rng)) }
        let capacities = (0..<m).map { _ in Double(Int.random(in: 5...30, using: &rng)) }
        existing = Array((0..<m).shuffled(using: &rng).prefix(Int.random(in: 0...maxExisting, using: &rng)))
        let p = Int.random(in: 1...min(4, m - existing.count), using: &rng)
        problem = LocationProblem(
            demand: weights.enumerated().map { DemandPoint(id: "d\($0.offset)", weight: $0.element) },
            candidates: capacities.enumerated().map { CandidateSite(id: "c\($0.offset)", capacity: $0.element) },
            existing: existing.map { "c\($0)" },
            p: p,
            radius: Double.random(in: 15...40, using: &rng),
            distances: .coordinates(demand: demand, candidates: candidates, metric: .euclidean)
        )
    }

    func distance(_ i: Int, _ j: Int) -> Double {
        let dx = demand[i].x - candidates[j].x, dy = demand[i].y - candidates[j].y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// Brute-force optima by enumerating every set of p new sites.
enum BruteForce {
    static func subsets(of items: [Int], size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        var result: [[Int]] = []
        func extend(_ start: Int, _ current: [Int]) {
            if current.count == size {
                result.append(current)
                return
            }
            for k in start..<items.count where items.count - k >= size - current.count { extend(k + 1, current + [items[k]]) }
        }
        extend(0, [])
        return result
    }

    static func free(_ instance: SmallInstance) -> [Int] {
        (0..<instance.candidates.count).filter { !instance.existing.contains($0) }
    }

    static func best(_ instance: SmallInstance, maximise: Bool, value: ([Int]) -> Double) -> Double {
        let values = subsets(of: free(instance), size: instance.problem.p).map { value(instance.existing + $0) }
        return maximise ? values.max()! : values.min()!
    }

    static func pMedian(_ s: SmallInstance) -> Double {
        best(s, maximise: false) { open in
            s.problem.demand.indices.reduce(0.0) { total, i in total + s.problem.demand[i].weight * open.map { s.distance(i, $0) }.min()! }
        }
    }

    static func pCenter(_ s: SmallInstance) -> Double {
        best(s, maximise: false) { open in
            s.problem.demand.indices.filter { s.problem.demand[$0].weight > 0 }.map { i in open.map { s.distance(i, $0) }.min()! }.max() ?? 0
        }
    }

    static func covered(_ s: SmallInstance, _ open: [Int]) -> Double {
        let r = s.problem.radius!
        return s.problem.demand.indices.filter { i in open.contains { s.distance(i, $0) <= r } }
            .reduce(0.0) { $0 + s.problem.demand[$1].weight }
    }

    static func mclp(_ s: SmallInstance) -> Double { best(s, maximise: true) { covered(s, $0) } }

    /// Fewest new sites covering every positive-weight point that some site covers.
    static func lscp(_ s: SmallInstance) -> Int {
        let all = Array(0..<s.candidates.count)
        let target = covered(s, all)
        for size in 0...free(s).count {
            if subsets(of: free(s), size: size).contains(where: { covered(s, s.existing + $0) == target }) { return size }
        }
        return free(s).count
    }

    static func capacitated(_ s: SmallInstance) -> Double {
        best(s, maximise: true) { open in served(s, open) }
    }

    /// Maximum flow source → demand → site within radius → sink by augmenting paths (Edmonds–Karp) on a dense matrix.
    static func served(_ s: SmallInstance, _ open: [Int]) -> Double {
        let n = s.demand.count, k = open.count, size = n + k + 2
        let source = n + k, sink = source + 1
        var cap = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for i in 0..<n { cap[source][i] = s.problem.demand[i].weight }
        for (position, j) in open.enumerated() {
            cap[n + position][sink] = s.problem.candidates[j].capacity ?? .infinity
            for i in 0..<n where s.distance(i, j) <= s.problem.radius! { cap[i][n + position] = .infinity }
        }
        var total = 0.0
        while true {
            var parent = [Int](repeating: -1, count: size)
            parent[source] = source
            var queue = [source]
            var front = 0
            while front < queue.count && parent[sink] < 0 {
                let u = queue[front]
                front += 1
                for v in 0..<size where parent[v] < 0 && cap[u][v] > 1e-12 {
                    parent[v] = u
                    queue.append(v)
                }
            }
            guard parent[sink] >= 0 else { return total }
            var push = Double.infinity
            var v = sink
            while v != source { push = min(push, cap[parent[v]][v]); v = parent[v] }
            v = sink
            while v != source { cap[parent[v]][v] -= push; cap[v][parent[v]] += push; v = parent[v] }
            total += push
        }
    }
}
