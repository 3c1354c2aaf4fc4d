import Foundation

/// Lagrangian branch and bound over the choice of `p` columns of a `SelectionModel`.
///
/// Each node maximises the Lagrangian bound by subgradient steps (Polyak's step `θ (UB − L) / ‖g‖²`, θ halved
/// when the bound stalls), warm-started from its parent's multipliers. Lagrangian penalty tests then fix columns:
/// a column outside the relaxed choice is closed when forcing it in would lift the bound to the incumbent, and a
/// chosen one is opened when closing it would. The search branches on the least attractive chosen free column
/// (open it first), depth first. The relaxed choices, polished by the model's local search, feed the incumbent.
/// On large instances the root's step schedule is shortened so that it takes about a tenth of the time limit.
struct SelectionSearch<Model: SelectionModel> {
    private enum Status: Int8 { case free = 0, open = 1, closed = -1 }

    private struct Node {
        var status: [Status]
        var multipliers: [Double]
        var bound: Double
    }

    private struct Relaxed {
        var bound: Double
        var chosen: [Int]
        var free: [Int]
        var slots: Int
    }

    let model: Model
    let p: Int
    let fixed: [Int]
    private let deadline: Deadline
    private var scores: [Double]
    private var gradient: [Double]
    private var bestChosen: [Int] = []
    private var bestCost = Double.infinity
    private var nodes = 0
    private var polished = Set<[Int]>()
    private var polishSeconds = 0.0
    private var nodePatience = 10

    init(model: Model, p: Int, fixed: [Int], deadline: Deadline) {
        self.model = model
        self.p = p
        self.fixed = fixed
        self.deadline = deadline
        scores = Array(repeating: 0, count: model.columnCount)
        gradient = Array(repeating: 0, count: model.multiplierCount)
    }

    /// Runs to proof or to the deadline.
    mutating func run(seed: UInt64 = 1) -> SelectionResult {
        var rng = SplitMix64(seed: seed)
        offer(model.improve(fixed: fixed, chosen: model.startingSolution(fixed: fixed, p: p, rng: &rng), deadline: deadline))
        var rootStatus = [Status](repeating: .free, count: model.columnCount)
        for j in fixed { rootStatus[j] = .closed }  // fixed columns are open outside the free choice
        var stack = [Node(status: rootStatus, multipliers: model.initialMultipliers(open: fixed + bestChosen), bound: -.infinity)]
        var isRoot = true
        while let node = stack.popLast() {
            // The root always gets at least one bound evaluation, so the bound is finite even at time limit 0.
            if deadline.expired && !isRoot {
                stack.append(node)
                break
            }
            if prunes(node.bound) { continue }
            nodes += 1
            stack.append(contentsOf: process(node, root: isRoot))
            isRoot = false
        }
        let open = stack.map(\.bound).min() ?? bestCost
        let proven = stack.isEmpty
        var bound = proven ? bestCost : min(open, bestCost)
        if model.integralCosts && bound.isFinite { bound = (bound - 1e-6).rounded(.up) }
        return SelectionResult(chosen: bestChosen.sorted(), cost: bestCost, bound: bound, proven: proven || bound >= bestCost, nodes: nodes)
    }

    /// True when no solution in a subtree with this bound can beat the incumbent.
    private func prunes(_ bound: Double) -> Bool {
        guard bestCost.isFinite else { return false }
        if model.integralCosts { return bound > bestCost - 1 + 1e-6 }
        return bound >= bestCost - 1e-9 * max(1, abs(bestCost))
    }

    /// Records `chosen` as the incumbent when it is better.
    private mutating func offer(_ chosen: [Int]) {
        let cost = model.cost(fixed + chosen)
        if cost < bestCost {
            bestCost = cost
            bestChosen = chosen
        }
    }

    /// Evaluates a relaxed choice as a solution and polishes it by local search: at the root always (up to 64
    /// distinct choices), in the tree when it is within 1 % of the incumbent (up to 20,000 distinct choices).
    private mutating func tryPrimal(_ chosen: [Int], polish: Bool, root: Bool = false) {
        let cost = model.cost(fixed + chosen)
        if cost < bestCost {
            bestCost = cost
            bestChosen = chosen
        }
        guard polish, root || cost <= bestCost + 0.01 * abs(bestCost) else { return }
        let key = chosen.sorted()
        guard polishSeconds < 0.15 * (deadline.elapsed + deadline.remaining) else { return }
        guard polished.count < (root ? 64 : 20_000), polished.insert(key).inserted else { return }
        let started = deadline.elapsed
        offer(model.improve(fixed: fixed, chosen: chosen, deadline: deadline))
        polishSeconds += deadline.elapsed - started
    }

    /// The relaxation's bound and choice for the given scores and column statuses.
    private func select(constant: Double, status: [Status]) -> Relaxed {
        var bound = constant
        for j in fixed { bound += scores[j] }
        var free: [Int] = []
        var slots = p
        for j in 0..<status.count {
            switch status[j] {
            case .open:
                bound += scores[j]
                slots -= 1
            case .free:
                free.append(j)
            case .closed:
                break
            }
        }
        free.sort { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        guard slots >= 0, slots <= free.count else { return Relaxed(bound: .infinity, chosen: [], free: free, slots: slots) }
        for j in free.prefix(slots) { bound += scores[j] }
        let chosen = status.indices.filter { status[$0] == .open } + free.prefix(slots)
        return Relaxed(bound: bound, chosen: chosen, free: free, slots: slots)
    }

    /// Maximises the node's bound; returns the best bound, its multipliers, and whether the node was solved exactly.
    private mutating func ascend(_ node: Node, root: Bool) -> (bound: Double, multipliers: [Double], solved: Bool) {
        var multipliers = node.multipliers
        var bestMultipliers = multipliers
        var best = -Double.infinity
        var theta = 2.0
        var patience = root ? 30 : nodePatience
        let limit = root ? 3000 : 60 * nodePatience
        let started = deadline.elapsed
        var stall = 0
        for iteration in 0..<limit {
            if root && iteration == 5 {
                // θ must halve about 15 times; on a large instance keep the root to about a tenth of the time left.
                let perIteration = max(deadline.elapsed - started, 1e-9) / 5
                patience = min(30, max(5, Int(0.1 * deadline.remaining / (15 * perIteration))))
                nodePatience = min(10, max(3, patience / 3))
            }
            // Two statements: `select` must read the scores `relax` has just written.
            let constant = model.relax(multipliers, scores: &scores)
            let relaxed = select(constant: constant, status: node.status)
            guard relaxed.bound.isFinite else { return (.infinity, multipliers, true) }
            if best == -.infinity || relaxed.bound > best + 1e-12 * max(1, abs(best)) {
                best = relaxed.bound
                bestMultipliers = multipliers
                stall = 0
            } else {
                stall += 1
                if stall >= patience {
                    theta /= 2
                    stall = 0
                }
            }
            if iteration % model.primalInterval == 0 { tryPrimal(relaxed.chosen, polish: root, root: root) }
            if prunes(best) || theta < 1e-4 || deadline.expired { break }
            model.supergradient(multipliers, open: fixed + relaxed.chosen, into: &gradient)
            var norm = 0.0
            for value in gradient { norm += value * value }
            if norm == 0 {
                // The relaxed constraints hold: the relaxation's choice is optimal for this node.
                tryPrimal(relaxed.chosen, polish: false)
                return (relaxed.bound, multipliers, true)
            }
            let target = bestCost.isFinite ? bestCost : relaxed.bound + max(1, abs(relaxed.bound)) * 0.1
            let step = theta * max(target - relaxed.bound, 1e-9 * max(1, abs(target))) / norm
            for k in 0..<multipliers.count { multipliers[k] += step * gradient[k] }
            model.project(&multipliers)
        }
        return (best, bestMultipliers, false)
    }

    /// Bounds one node, fixes what the penalties allow, and returns its children (the first to explore last).
    private mutating func process(_ node: Node, root: Bool) -> [Node] {
        let ascent = ascend(node, root: root)
        if ascent.solved || prunes(ascent.bound) { return [] }
        var status = node.status
        let constant = model.relax(ascent.multipliers, scores: &scores)
        var relaxed = select(constant: constant, status: status)
        // Penalty tests, repeated while they fix something.
        while true {
            guard relaxed.bound.isFinite, !prunes(relaxed.bound) else { return [] }
            let chosenFree = relaxed.free.prefix(relaxed.slots)
            let rest = relaxed.free.dropFirst(relaxed.slots)
            var changed = false
            if relaxed.slots == 0 || rest.isEmpty {
                // A leaf: the choice is forced.
                tryPrimal(relaxed.chosen, polish: false)
                return []
            }
            let last = scores[chosenFree.last ?? rest.first!]
            let next = scores[rest.first!]
            for j in rest where prunes(relaxed.bound - last + scores[j]) {
                status[j] = .closed
                changed = true
            }
            for j in chosenFree where prunes(relaxed.bound - scores[j] + next) {
                status[j] = .open
                changed = true
            }
            if !changed { break }
            relaxed = select(constant: constant, status: status)
        }
        tryPrimal(relaxed.chosen, polish: true)
        guard !prunes(relaxed.bound) else { return [] }
        // Branch on the least attractive chosen free column (the last one the relaxation takes): opening it changes
        // little, closing it brings in the next column, so both children move. Open first.
        let branch = relaxed.free[relaxed.slots - 1]
        var opened = status
        opened[branch] = .open
        var closed = status
        closed[branch] = .closed
        return [
            Node(status: closed, multipliers: ascent.multipliers, bound: relaxed.bound),
            Node(status: opened, multipliers: ascent.multipliers, bound: relaxed.bound),
        ]
    }
}
