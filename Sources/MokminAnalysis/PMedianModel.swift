import Foundation

/// p-median as a `SelectionModel`: minimise Σᵢ wᵢ · min over open j of dᵢⱼ.
///
/// Relaxing the assignment constraints Σⱼ xᵢⱼ = 1 with multipliers λᵢ gives
/// `L(λ) = Σᵢ λᵢ + Σ_{open j} Σᵢ min(0, wᵢdᵢⱼ − λᵢ)` (Cornuéjols, Fisher and Nemhauser 1977; Beasley 1993).
/// Each demand row keeps its candidates sorted by cost, so a score pass touches only the pairs below λᵢ.
struct PMedianModel: SelectionModel, Sendable {
    let rowCount: Int
    let columnCount: Int
    /// Weighted costs wᵢdᵢⱼ, row by row (rows of zero weight are left out).
    let cost: [Double]
    /// For each row, its columns by increasing cost.
    let order: [Int32]
    let integralCosts: Bool
    var multiplierCount: Int { rowCount }
    var primalInterval: Int { 5 }

    init(distances: DistanceMatrix, weights: [Double]) {
        let m = distances.columns
        var cost: [Double] = []
        var order: [Int32] = []
        var integral = true
        var total = 0.0
        for i in 0..<distances.rows where weights[i] > 0 {
            let row = (0..<m).map { weights[i] * distances[i, $0] }
            for value in row where value.rounded() != value { integral = false }
            total += row.max() ?? 0
            cost.append(contentsOf: row)
            order.append(contentsOf: (0..<m).sorted { row[$0] < row[$1] }.map(Int32.init))
        }
        self.columnCount = m
        self.rowCount = m == 0 ? 0 : cost.count / m
        self.cost = cost
        self.order = order
        self.integralCosts = integral && total < 1e15
    }

    func initialMultipliers(open: [Int]) -> [Double] {
        var isOpen = [Bool](repeating: false, count: columnCount)
        for j in open { isOpen[j] = true }
        return (0..<rowCount).map { nearest($0, isOpen).cost }
    }

    func relax(_ multipliers: [Double], scores: inout [Double]) -> Double {
        for j in 0..<columnCount { scores[j] = 0 }
        var constant = 0.0
        cost.withUnsafeBufferPointer { cost in
            order.withUnsafeBufferPointer { order in
                for i in 0..<rowCount {
                    let lambda = multipliers[i]
                    constant += lambda
                    let base = i * columnCount
                    for k in 0..<columnCount {
                        let j = Int(order[base + k])
                        let c = cost[base + j]
                        if c >= lambda { break }
                        scores[j] += c - lambda
                    }
                }
            }
        }
        return constant
    }

    func supergradient(_ multipliers: [Double], open: [Int], into g: inout [Double]) {
        var isOpen = [Bool](repeating: false, count: columnCount)
        for j in open { isOpen[j] = true }
        for i in 0..<rowCount {
            let lambda = multipliers[i]
            let base = i * columnCount
            var assigned = 0
            for k in 0..<columnCount {
                let j = Int(order[base + k])
                if cost[base + j] >= lambda { break }
                if isOpen[j] { assigned += 1 }
            }
            g[i] = Double(1 - assigned)
        }
    }

    func project(_ multipliers: inout [Double]) {
        for i in 0..<multipliers.count where multipliers[i] < 0 { multipliers[i] = 0 }
    }

    func cost(_ open: [Int]) -> Double {
        var isOpen = [Bool](repeating: false, count: columnCount)
        for j in open { isOpen[j] = true }
        var total = 0.0
        for i in 0..<rowCount { total += nearest(i, isOpen).cost }
        return total
    }

    /// The cheapest open column of row `i`, its cost, and the cost of the second cheapest (∞ if none).
    @inline(__always)
    func nearest(_ i: Int, _ isOpen: [Bool]) -> (column: Int, cost: Double, second: Double) {
        let base = i * columnCount
        var first = -1
        var firstCost = Double.infinity
        for k in 0..<columnCount {
            let j = Int(order[base + k])
            guard isOpen[j] else { continue }
            if first < 0 {
                first = j
                firstCost = cost[base + j]
            } else {
                return (first, firstCost, cost[base + j])
            }
        }
        return (first, firstCost, .infinity)
    }

    func startingSolution(fixed: [Int], p: Int, rng: inout SplitMix64) -> [Int] {
        let fixedSet = Set(fixed)
        var pool = (0..<columnCount).filter { !fixedSet.contains($0) }
        pool.shuffle(using: &rng)
        return Array(pool.prefix(p))
    }
}
