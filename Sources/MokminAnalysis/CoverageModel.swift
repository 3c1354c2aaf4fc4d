import Foundation

/// MCLP as a `SelectionModel` (cost = minus the covered weight of the merged groups).
///
/// Relaxing zᵍ ≤ Σ_{j covers g} yⱼ with multipliers μᵍ ∈ [0, Wᵍ] gives the upper bound
/// `Σᵍ max(0, Wᵍ − μᵍ) + Σ_{open j} Σ_{g ∈ j} μᵍ` on the covered weight (Galvão and ReVelle 1996).
struct CoverageModel: SelectionModel, Sendable {
    let weight: [Double]
    let columns: [[Int32]]
    let integralCosts: Bool
    var columnCount: Int { columns.count }
    var multiplierCount: Int { weight.count }
    var primalInterval: Int { 5 }

    init(reduction: CoverageReduction) {
        weight = reduction.groupWeight
        columns = reduction.columns
        integralCosts = weight.allSatisfy { $0.rounded() == $0 } && weight.reduce(0, +) < 1e15
    }

    func initialMultipliers(open: [Int]) -> [Double] { weight.map { $0 / 2 } }

    func relax(_ multipliers: [Double], scores: inout [Double]) -> Double {
        var constant = 0.0
        for g in 0..<weight.count where weight[g] > multipliers[g] { constant -= weight[g] - multipliers[g] }
        for j in 0..<columns.count {
            var sum = 0.0
            for g in columns[j] { sum += multipliers[Int(g)] }
            scores[j] = -sum
        }
        return constant
    }

    func supergradient(_ multipliers: [Double], open: [Int], into g: inout [Double]) {
        for k in 0..<weight.count { g[k] = weight[k] > multipliers[k] ? 1 : 0 }
        for j in open {
            for k in columns[j] { g[Int(k)] -= 1 }
        }
    }

    func project(_ multipliers: inout [Double]) {
        for k in 0..<multipliers.count { multipliers[k] = min(max(multipliers[k], 0), weight[k]) }
    }

    func cost(_ open: [Int]) -> Double {
        var covered = [Bool](repeating: false, count: weight.count)
        var total = 0.0
        for j in open {
            for g in columns[j] where !covered[Int(g)] {
                covered[Int(g)] = true
                total += weight[Int(g)]
            }
        }
        return -total
    }

    /// Lazy greedy: adds the column of largest marginal coverage, re-evaluating stale gains only on demand.
    func startingSolution(fixed: [Int], p: Int, rng: inout SplitMix64) -> [Int] {
        var covered = [Bool](repeating: false, count: weight.count)
        var upper = columns.map { column in column.reduce(0.0) { $0 + weight[Int($1)] } }
        for j in fixed { upper[j] = -.infinity }
        var chosen: [Int] = []
        while chosen.count < p {
            var pick = -1
            while true {
                guard let j = upper.indices.max(by: { upper[$0] < upper[$1] }), upper[j] > -.infinity else { break }
                let gain = columns[j].reduce(0.0) { covered[Int($1)] ? $0 : $0 + weight[Int($1)] }
                upper[j] = gain
                if upper.indices.max(by: { upper[$0] < upper[$1] }) == j {
                    pick = j
                    break
                }
            }
            guard pick >= 0 else { break }
            chosen.append(pick)
            upper[pick] = -.infinity
            for g in columns[pick] { covered[Int(g)] = true }
        }
        return chosen
    }

    /// Swap local search: for each closed column k one pass over its groups gives the gain of opening k and, for
    /// every open column r at once, the weight r alone covers that k would keep; first improvement until none.
    func improve(fixed: [Int], chosen: [Int], deadline: Deadline) -> [Int] {
        guard !chosen.isEmpty else { return chosen }
        var chosen = chosen
        var isOpen = [Bool](repeating: false, count: columns.count)
        for j in fixed + chosen { isOpen[j] = true }
        var count = [Int32](repeating: 0, count: weight.count)
        var coverSum = [Int](repeating: 0, count: weight.count)
        for j in fixed + chosen {
            for g in columns[j] {
                count[Int(g)] += 1
                coverSum[Int(g)] += j
            }
        }
        var loss = [Double](repeating: 0, count: columns.count)
        func refreshLoss() {
            for r in chosen {
                loss[r] = columns[r].reduce(0.0) { count[Int($1)] == 1 ? $0 + weight[Int($1)] : $0 }
            }
        }
        refreshLoss()
        var keep = [Double](repeating: 0, count: columns.count)
        var sinceImprovement = 0
        var k = 0
        while sinceImprovement < columns.count && !deadline.expired {
            defer { k = (k + 1) % columns.count }
            sinceImprovement += 1
            if isOpen[k] { continue }
            for r in chosen { keep[r] = 0 }
            var gain = 0.0
            for g in columns[k] {
                let c = count[Int(g)]
                if c == 0 {
                    gain += weight[Int(g)]
                } else if c == 1 {
                    keep[coverSum[Int(g)]] += weight[Int(g)]
                }
            }
            var bestPosition = 0
            var bestDelta = -Double.infinity
            for (position, r) in chosen.enumerated() {
                let delta = gain - loss[r] + keep[r]
                if delta > bestDelta {
                    bestDelta = delta
                    bestPosition = position
                }
            }
            guard bestDelta > 1e-9 else { continue }
            let r = chosen[bestPosition]
            for g in columns[r] {
                count[Int(g)] -= 1
                coverSum[Int(g)] -= r
            }
            for g in columns[k] {
                count[Int(g)] += 1
                coverSum[Int(g)] += k
            }
            isOpen[r] = false
            isOpen[k] = true
            chosen[bestPosition] = k
            refreshLoss()
            sinceImprovement = 0
        }
        return chosen
    }
}
