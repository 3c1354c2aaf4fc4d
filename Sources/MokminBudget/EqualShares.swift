/// The Method of Equal Shares as pabutools 1.2.3 computes it (`method_of_equal_shares`, resolute, lexicographic
/// tie-breaking), in exact arithmetic.
///
/// Every voter starts with the same share. A project is affordable when its supporters have at least its cost left
/// in total; its price ρ is the least number such that the supporters, each paying min(what they have left, ρ × their
/// satisfaction), pay exactly the cost. Each round buys the affordable project with the lowest ρ (ties: the smaller id
/// string), until none is affordable. A free project with supporters is bought before the first round.
///
/// Speed without rounding: voters who have paid the same things hold the same amount, so budgets live in a table of
/// "classes" and each payment is computed once per class. Each round estimates every candidate's ρ in `Double`
/// (stopping early, as pabutools does, once a candidate's earlier ρ, a lower bound, exceeds the best so far), then
/// computes ρ exactly for the candidates within a relative 10⁻⁹ of the best; affordability is decided exactly whenever
/// the estimate is that close to the cost. Only exact values decide.
struct EqualShares {
    /// One project bought, with what each supporter paid when recorded.
    struct Purchase {
        var project: Int
        var price: Rational
        var payers: [Int32]
        var amounts: [Rational]
    }

    struct Result {
        var selected: [Int]
        var purchases: [Purchase]
        /// For each project not bought that has supporters: what they had left together at the end (recorded runs).
        var supportersLeft: [Rational?]
    }

    let election: PBSatisfaction
    private static let margin = 1e-9

    private var classBudget: [Rational] = []
    private var classDouble: [Double] = []
    private var voterClass: [Int32] = []
    private var lowerBound: [Double] = []
    private var scratchPoor: [Bool] = []

    init(_ election: PBSatisfaction) {
        self.election = election
        let largest = election.supporters.map(\.count).max() ?? 0
        scratchPoor = [Bool](repeating: false, count: largest)
    }

    /// MES with `perVoter` as each voter's share; `record` keeps each payment for the explanation.
    mutating func run(perVoter: Rational, record: Bool) -> Result {
        let e = election
        var selected: [Int] = []
        var candidates: [Int] = []
        guard e.voterCount > 0 else { return Result(selected: [], purchases: [], supportersLeft: []) }
        for p in e.ids.indices where e.totalWeight[p] > 0 {
            if e.costs[p].isZero { selected.append(p) } else { candidates.append(p) }
        }
        classBudget = [.zero, perVoter]
        classDouble = [0, perVoter.doubleValue]
        voterClass = [Int32](repeating: 1, count: e.voterCount)
        lowerBound = e.ids.indices.map { p in
            e.totalWeight[p] > 0 ? (e.costs[p] / e.totalSatisfaction(p)).doubleValue * (1 - Self.margin) : 0
        }
        var purchases: [Purchase] = []
        var alive = candidates
        while !alive.isEmpty {
            alive.sort { lowerBound[$0] < lowerBound[$1] }
            var best = Double.infinity
            var evaluated: [(project: Int, rho: Double)] = []
            var removed = Set<Int>()
            for p in alive {
                if lowerBound[p] > best * (1 + Self.margin) { break }
                guard isAffordable(p) else {
                    removed.insert(p)
                    continue
                }
                let rho = estimatedPrice(p)
                lowerBound[p] = Swift.max(lowerBound[p], rho * (1 - Self.margin))
                best = Swift.min(best, rho)
                evaluated.append((p, rho))
            }
            if !removed.isEmpty { alive.removeAll { removed.contains($0) } }
            guard !evaluated.isEmpty else { break }
            var winner = -1
            var winnerPrice = Rational.zero
            var winnerQ = Rational.zero
            for (p, rho) in evaluated where rho <= best * (1 + Self.margin) {
                let q = exactPaymentPerWeight(p, estimate: rho * e.unit[p].doubleValue)
                let price = q / e.unit[p]
                if winner < 0 || price < winnerPrice || (price == winnerPrice && e.idRank[p] < e.idRank[winner]) {
                    winner = p
                    winnerPrice = price
                    winnerQ = q
                }
            }
            purchases.append(pay(winner, perWeight: winnerQ, price: winnerPrice, record: record))
            selected.append(winner)
            alive.removeAll { $0 == winner }
        }
        var left: [Rational?] = []
        if record {
            let chosen = Set(selected)
            left = e.ids.indices.map { p in chosen.contains(p) || e.supporters[p].isEmpty ? nil : supportersLeft(p) }
        }
        return Result(selected: selected, purchases: record ? purchases : [], supportersLeft: left)
    }

    /// The exact total its supporters have left.
    func supportersLeft(_ p: Int) -> Rational {
        groups(p).reduce(Rational.zero) { $0 + classBudget[$1.cls] * Rational($1.count) }
    }

    /// Whether the supporters have at least the cost left in total; exact when the estimate is close.
    private func isAffordable(_ p: Int) -> Bool {
        var total = 0.0
        for v in election.supporters[p] { total += classDouble[Int(voterClass[Int(v)])] }
        let cost = election.costDoubles[p]
        if total < cost * (1 - Self.margin) { return false }
        if total > cost * (1 + Self.margin) { return true }
        return !(supportersLeft(p) < election.costs[p])
    }

    /// ρ in `Double` by pabutools' poor/rich iteration: everyone pays q per unit of weight, those who cannot pay
    /// everything they have, and q is raised until the cost is met.
    private mutating func estimatedPrice(_ p: Int) -> Double {
        let supporters = election.supporters[p], weights = election.weights[p]
        let cost = election.costDoubles[p]
        let total = Double(election.totalWeight[p])
        for j in supporters.indices { scratchPoor[j] = false }
        var poorSum = 0.0, poorWeight = 0.0
        var q = cost / total
        while true {
            var changed = false
            for j in supporters.indices where !scratchPoor[j] {
                let b = classDouble[Int(voterClass[Int(supporters[j])])]
                if b < q * Double(weights[j]) {
                    scratchPoor[j] = true
                    poorSum += b
                    poorWeight += Double(weights[j])
                    changed = true
                }
            }
            if !changed { break }
            if poorWeight >= total {
                // Rounding left nobody rich: everyone pays all they have; q is the largest budget per weight.
                q = 0
                for j in supporters.indices { q = Swift.max(q, classDouble[Int(voterClass[Int(supporters[j])])] / Double(weights[j])) }
                break
            }
            q = (cost - poorSum) / (total - poorWeight)
        }
        return q / election.unit[p].doubleValue
    }

    /// The supporters of p grouped by (budget class, weight), with their number.
    private func groups(_ p: Int) -> [(cls: Int, weight: Int, count: Int)] {
        var index: [Int: Int] = [:]
        var result: [(cls: Int, weight: Int, count: Int)] = []
        let supporters = election.supporters[p], weights = election.weights[p]
        let maxWeight = (weights.max() ?? 0) + 1
        for j in supporters.indices {
            let cls = Int(voterClass[Int(supporters[j])])
            let key = cls * maxWeight + weights[j]
            if let i = index[key] {
                result[i].count += 1
            } else {
                index[key] = result.count
                result.append((cls, weights[j], 1))
            }
        }
        return result
    }

    /// The exact payment per unit of weight q (ρ × unit) that meets p's cost: the poor/rich iteration in exact
    /// arithmetic over the groups, started from those the estimate shows poor beyond doubt.
    private func exactPaymentPerWeight(_ p: Int, estimate: Double) -> Rational {
        let groups = self.groups(p)
        let cost = election.costs[p]
        var poor = [Bool](repeating: false, count: groups.count)
        var poorSum = Rational.zero
        var poorWeight = 0
        for (i, g) in groups.enumerated() where classDouble[g.cls] < estimate * Double(g.weight) * (1 - Self.margin) {
            poor[i] = true
            poorSum += classBudget[g.cls] * Rational(g.count)
            poorWeight += g.weight * g.count
        }
        let total = election.totalWeight[p]
        while true {
            precondition(poorWeight < total, "an affordable project always has a supporter who pays less than all")
            let q = (cost - poorSum) / Rational(total - poorWeight)
            var changed = false
            for (i, g) in groups.enumerated() where !poor[i] {
                if classDouble[g.cls] > estimate * Double(g.weight) * (1 + Self.margin) { continue }
                if classBudget[g.cls] < q * Rational(g.weight) {
                    poor[i] = true
                    poorSum += classBudget[g.cls] * Rational(g.count)
                    poorWeight += g.weight * g.count
                    changed = true
                }
            }
            if !changed { return q }
        }
    }

    /// Buys p: each supporter pays min(left, q × weight); voters of one class and weight move to one new class.
    private mutating func pay(_ p: Int, perWeight q: Rational, price: Rational, record: Bool) -> Purchase {
        let supporters = election.supporters[p], weights = election.weights[p]
        let maxWeight = (weights.max() ?? 0) + 1
        var moved: [Int: (cls: Int32, paid: Rational)] = [:]
        var purchase = Purchase(project: p, price: price, payers: [], amounts: [])
        if record {
            purchase.payers.reserveCapacity(supporters.count)
            purchase.amounts.reserveCapacity(supporters.count)
        }
        for j in supporters.indices {
            let v = Int(supporters[j])
            let cls = Int(voterClass[v])
            let key = cls * maxWeight + weights[j]
            let target: (cls: Int32, paid: Rational)
            if let known = moved[key] {
                target = known
            } else {
                let due = q * Rational(weights[j])
                let budget = classBudget[cls]
                if budget < due || budget == due {
                    target = (0, budget)
                } else {
                    let left = budget - due
                    classBudget.append(left)
                    classDouble.append(left.doubleValue)
                    target = (Int32(classBudget.count - 1), due)
                }
                moved[key] = target
            }
            voterClass[v] = target.cls
            if record {
                purchase.payers.append(Int32(v))
                purchase.amounts.append(target.paid)
            }
        }
        return purchase
    }
}
