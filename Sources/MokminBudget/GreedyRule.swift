/// pabutools' `greedy_utilitarian_welfare` (its additive scheme): projects by total satisfaction per unit of cost,
/// highest first (a free project with supporters first of all, a project without supporters at 0), ties on the id;
/// each project that fits in what is left is bought, one that does not is skipped.
struct GreedyRule {
    struct Step {
        var project: Int
        /// 1-based position in the greedy order.
        var rank: Int
        var remainingBefore: Rational
        var selected: Bool
    }

    let election: PBSatisfaction

    /// The greedy order of every project not in `initial`, with what was left when each project's turn came.
    func run(after initial: [Int]) -> (selected: [Int], steps: [Step]) {
        let taken = Set(initial)
        let candidates = election.idOrder.filter { !taken.contains($0) }
        let density: [Int: Rational?] = Dictionary(
            uniqueKeysWithValues: candidates.map { p in
                let total = election.totalSatisfaction(p)
                if total.isZero { return (p, Rational.zero) }
                return (p, election.costs[p].isZero ? nil : total / election.costs[p])
            })
        // Infinite density (nil) first, then higher density, then the id order (`candidates` is already in it).
        let ordered = candidates.enumerated().sorted { a, b in
            let da = density[a.element]!, db = density[b.element]!
            switch (da, db) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x == y ? a.offset < b.offset : y < x
            }
        }.map(\.element)
        var remaining = election.budget - election.cost(of: initial)
        var selected: [Int] = []
        var steps: [Step] = []
        for (rank, p) in ordered.enumerated() {
            let fits = !(remaining < election.costs[p])
            steps.append(Step(project: p, rank: rank + 1, remainingBefore: remaining, selected: fits))
            if fits {
                selected.append(p)
                remaining -= election.costs[p]
            }
        }
        return (selected, steps)
    }
}
