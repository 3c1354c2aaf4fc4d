import Foundation

/// Capacitated coverage as a `SelectionModel` (cost = minus the weight served).
///
/// For a fixed set of sites the served weight is a maximum flow: source → group (its weight) → covering site → sink
/// (the site's capacity). Relaxing the demand constraints Σⱼ xᵍⱼ ≤ Wᵍ with μᵍ ∈ [0, 1] leaves one fractional knapsack
/// per site, so `Σᵍ μᵍWᵍ + Σ_{open j} max{Σᵍ (1 − μᵍ) xᵍⱼ : Σᵍ xᵍⱼ ≤ capⱼ, xᵍⱼ ≤ Wᵍ}` bounds the served weight.
/// At μ = 0 it is the sum of min(capacity, covered weight), never more than the uncapacitated coverage or the capacity.
struct CapacitatedModel: SelectionModel, Sendable {
    let weight: [Double]
    let columns: [[Int32]]
    /// Site capacities; infinity for an unlimited site.
    let capacity: [Double]
    let integralCosts: Bool
    var columnCount: Int { columns.count }
    var multiplierCount: Int { weight.count }
    var primalInterval: Int { 10 }

    init(reduction: CoverageReduction, capacities: [Double?]) {
        weight = reduction.groupWeight
        columns = reduction.columns
        capacity = capacities.map { $0 ?? .infinity }
        let finite = capacity.filter(\.isFinite)
        integralCosts = (weight + finite).allSatisfy { $0.rounded() == $0 } && weight.reduce(0, +) < 1e15
    }

    func initialMultipliers(open: [Int]) -> [Double] { Array(repeating: 0.5, count: weight.count) }

    /// The fractional knapsack of column j: amounts taken from each of its groups, by decreasing value 1 − μ.
    private func knapsack(_ j: Int, _ multipliers: [Double]) -> (value: Double, take: [(Int, Double)]) {
        var items = columns[j].map(Int.init).filter { multipliers[$0] < 1 }
        items.sort { multipliers[$0] < multipliers[$1] }
        var room = capacity[j]
        var value = 0.0
        var take: [(Int, Double)] = []
        for g in items where room > 0 {
            let amount = min(room, weight[g])
            room -= amount
            value += amount * (1 - multipliers[g])
            take.append((g, amount))
        }
        return (value, take)
    }

    func relax(_ multipliers: [Double], scores: inout [Double]) -> Double {
        var constant = 0.0
        for g in 0..<weight.count { constant -= multipliers[g] * weight[g] }
        for j in 0..<columns.count { scores[j] = -knapsack(j, multipliers).value }
        return constant
    }

    func supergradient(_ multipliers: [Double], open: [Int], into g: inout [Double]) {
        for k in 0..<weight.count { g[k] = -weight[k] }
        for j in open {
            for (k, amount) in knapsack(j, multipliers).take { g[k] += amount }
        }
    }

    func project(_ multipliers: inout [Double]) {
        for k in 0..<multipliers.count { multipliers[k] = min(max(multipliers[k], 0), 1) }
    }

    func cost(_ open: [Int]) -> Double { -served(open).total }

    /// Maximum served weight for the open sites, and the amount each site serves.
    func served(_ open: [Int]) -> (total: Double, bySite: [Int: Double]) {
        let sites = Array(Set(open)).sorted()
        let groupCount = weight.count
        var flow = MaxFlow(nodes: groupCount + sites.count + 2)
        let source = groupCount + sites.count, sink = source + 1
        for g in 0..<groupCount { flow.addEdge(source, g, weight[g]) }
        var siteEdges: [Int] = []
        for (position, j) in sites.enumerated() {
            for g in columns[j] { flow.addEdge(Int(g), groupCount + position, .infinity) }
            siteEdges.append(flow.addEdge(groupCount + position, sink, capacity[j]))
        }
        let total = flow.run(source: source, sink: sink)
        var bySite: [Int: Double] = [:]
        for (position, j) in sites.enumerated() { bySite[j] = flow.flow(siteEdges[position]) }
        return (total, bySite)
    }

    /// Greedy: repeatedly opens the site that could serve the most of the weight not yet served.
    func startingSolution(fixed: [Int], p: Int, rng: inout SplitMix64) -> [Int] {
        var remaining = weight
        var isTaken = [Bool](repeating: false, count: columns.count)
        for j in fixed {
            isTaken[j] = true
            serve(j, from: &remaining)
        }
        var chosen: [Int] = []
        while chosen.count < p {
            var best = -1
            var bestValue = -1.0
            for j in 0..<columns.count where !isTaken[j] {
                let value = min(capacity[j], columns[j].reduce(0.0) { $0 + remaining[Int($1)] })
                if value > bestValue {
                    bestValue = value
                    best = j
                }
            }
            guard best >= 0 else { break }
            isTaken[best] = true
            chosen.append(best)
            serve(best, from: &remaining)
        }
        return chosen
    }

    private func serve(_ j: Int, from remaining: inout [Double]) {
        var room = capacity[j]
        for g in columns[j] where room > 0 {
            let amount = min(room, remaining[Int(g)])
            remaining[Int(g)] -= amount
            room -= amount
        }
    }

    /// Swap local search with exact maximum-flow evaluation, first improvement, at most 4,000 evaluations a call.
    func improve(fixed: [Int], chosen: [Int], deadline: Deadline) -> [Int] {
        guard !chosen.isEmpty else { return chosen }
        var chosen = chosen
        var current = cost(fixed + chosen)
        var isOpen = [Bool](repeating: false, count: columns.count)
        for j in fixed + chosen { isOpen[j] = true }
        var budget = 4_000
        var improved = true
        while improved && budget > 0 && !deadline.expired {
            improved = false
            search: for k in 0..<columns.count where !isOpen[k] && !columns[k].isEmpty {
                for position in 0..<chosen.count {
                    budget -= 1
                    if budget <= 0 || deadline.expired { break search }
                    var trial = chosen
                    trial[position] = k
                    let value = cost(fixed + trial)
                    if value < current - 1e-9 * max(1, abs(current)) {
                        isOpen[chosen[position]] = false
                        isOpen[k] = true
                        chosen = trial
                        current = value
                        improved = true
                        continue search
                    }
                }
            }
        }
        return chosen
    }
}
