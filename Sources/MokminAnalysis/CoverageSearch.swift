import Foundation

/// LP-based branch and bound for maximal covering: the exact LP bound of `CoverageLP` at every node, reduced-cost
/// fixing, and branching on the most fractional facility.
///
/// Each node's bound is the Lagrangian bound `Σᵍ max(0, wᵍ − μᵍ) + (the p best Σ_{g ∈ j} μᵍ)` evaluated at the LP's
/// duals μ, with the node's opened and closed facilities; it equals the LP value up to rounding and is valid for any μ,
/// so the proof does not rest on the simplex's arithmetic. With integer weights a node is pruned when its bound is
/// below the incumbent plus one. The same scores give the fixing tests: a facility the bound leaves out is closed when
/// taking it in instead of the weakest chosen one would drop the bound below that threshold, and a chosen one is opened
/// when swapping it for the best left-out one would. The greedy start and swap search of `CoverageModel` run first and
/// polish rounded LP points, so answers come as fast as before; only the proof changed.
struct CoverageSearch {
    private enum Status: Int8 { case free = 0, open = 1, closed = -1 }

    private struct Node {
        var status: [Status]
        var bound: Double
    }

    private enum Outcome {
        case children([Node])
        /// The time limit stopped the node's LP; its multipliers so far still give this bound.
        case stopped(Double)
    }

    private struct Evaluation {
        var bound: Double
        var scores: [Double]
        /// Free columns, best score first, and how many of them the bound takes.
        var free: [Int]
        var slots: Int
    }

    let model: CoverageModel
    let p: Int
    let fixed: [Int]
    private let deadline: Deadline
    private var lp: CoverageLP
    private var bestChosen: [Int] = []
    private var bestCovered = -Double.infinity
    private var nodes = 0
    private var polished = Set<[Int]>()

    init(model: CoverageModel, p: Int, fixed: [Int], deadline: Deadline) {
        self.model = model
        self.p = p
        self.fixed = fixed
        self.deadline = deadline
        lp = CoverageLP(weight: model.weight, columns: model.columns, p: p)
    }

    /// Runs to proof or to the deadline; costs are in `SelectionSearch`'s minimisation form (minus covered weight).
    mutating func run(seed: UInt64 = 1) -> SelectionResult {
        var rng = SplitMix64(seed: seed)
        offer(model.improve(fixed: fixed, chosen: model.startingSolution(fixed: fixed, p: p, rng: &rng), deadline: deadline))
        var root = [Status](repeating: .free, count: model.columnCount)
        for j in fixed { root[j] = .closed }  // existing facilities are open outside the choice of p
        var stack = [Node(status: root, bound: .infinity)]
        var isRoot = true
        while let node = stack.popLast() {
            // The root always gets an LP, so the bound is the LP's even at time limit 0 on a small instance.
            if deadline.expired && !isRoot {
                stack.append(node)
                break
            }
            if prunes(node.bound) { continue }
            nodes += 1
            isRoot = false
            switch process(node, root: nodes == 1) {
            case .children(let children): stack.append(contentsOf: children)
            case .stopped(let bound):
                stack.append(Node(status: node.status, bound: min(bound, node.bound)))
            }
            if deadline.expired { break }
        }
        let open = stack.map(\.bound).max() ?? bestCovered
        let proven = stack.isEmpty
        var bound = proven ? bestCovered : max(open, bestCovered)
        if model.integralCosts && bound.isFinite { bound = (bound + 1e-6).rounded(.down) }
        return SelectionResult(
            chosen: bestChosen.sorted(), cost: -bestCovered, bound: -bound, proven: proven || bound <= bestCovered, nodes: nodes
        )
    }

    /// True when no solution in a subtree with this bound can beat the incumbent.
    private func prunes(_ bound: Double) -> Bool {
        guard bestCovered.isFinite else { return false }
        if model.integralCosts { return bound < bestCovered + 1 - 1e-6 }
        return bound <= bestCovered + 1e-9 * max(1, abs(bestCovered))
    }

    private mutating func offer(_ chosen: [Int]) {
        let covered = -model.cost(fixed + chosen)
        if covered > bestCovered {
            bestCovered = covered
            bestChosen = chosen
        }
    }

    /// The Lagrangian bound at multipliers μ for the node's statuses; infinite slots mean an infeasible node.
    private func evaluate(_ mu: [Double], status: [Status]) -> Evaluation {
        var bound = 0.0
        for g in 0..<mu.count where model.weight[g] > mu[g] { bound += model.weight[g] - mu[g] }
        var scores = [Double](repeating: 0, count: model.columnCount)
        var free: [Int] = []
        var slots = p
        for j in 0..<model.columnCount {
            var sum = 0.0
            for g in model.columns[j] { sum += mu[Int(g)] }
            scores[j] = sum
            switch status[j] {
            case .open:
                bound += sum
                slots -= 1
            case .free: free.append(j)
            case .closed: break
            }
        }
        guard slots >= 0, slots <= free.count else { return Evaluation(bound: -.infinity, scores: scores, free: [], slots: slots) }
        free.sort { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        for j in free.prefix(slots) { bound += scores[j] }
        return Evaluation(bound: bound, scores: scores, free: free, slots: slots)
    }

    /// Solves the node's LP, fixes what reduced costs allow, tries rounded points, and returns the children.
    private mutating func process(_ node: Node, root: Bool) -> Outcome {
        var status = node.status
        var evaluation: Evaluation
        var rounds = 0
        while true {
            for j in 0..<model.columnCount {
                switch status[j] {
                case .free: lp.setBounds(j, lower: 0, upper: 1)
                case .open: lp.setBounds(j, lower: 1, upper: 1)
                case .closed: lp.setBounds(j, lower: 0, upper: 0)
                }
            }
            let outcome = lp.solve(deadline: deadline)
            if debugLP { FileHandle.standardError.write("node \(nodes) round \(rounds): \(outcome) iterations \(lp.iterations) objective \(lp.objective) t \(deadline.elapsed)\n".data(using: .utf8)!) }
            evaluation = evaluate(lp.multipliers(), status: status)
            if outcome == .stopped { return .stopped(evaluation.bound) }
            evaluation.bound = min(evaluation.bound, node.bound)
            if evaluation.bound == -.infinity || prunes(evaluation.bound) { return .children([]) }
            roundAndOffer(evaluation, status: status, polish: root || (rounds == 0 && nodes % 16 == 1))
            if prunes(evaluation.bound) { return .children([]) }
            // Reduced-cost fixing, then the LP again while it fixes something (at most a few rounds).
            let chosen = evaluation.free.prefix(evaluation.slots)
            let rest = evaluation.free.dropFirst(evaluation.slots)
            guard let firstRest = rest.first, let lastChosen = chosen.last else {
                // No choice left: the node's only solution is the opened columns plus the chosen free ones.
                let only = status.indices.filter { status[$0] == .open } + chosen
                offer(only.filter { !fixed.contains($0) })
                return .children([])
            }
            let last = evaluation.scores[lastChosen]
            let next = evaluation.scores[firstRest]
            var changed = false
            for j in rest where prunes(evaluation.bound - last + evaluation.scores[j]) {
                status[j] = .closed
                changed = true
            }
            for j in chosen where prunes(evaluation.bound - evaluation.scores[j] + next) {
                status[j] = .open
                changed = true
            }
            rounds += 1
            if !changed || rounds >= 4 { break }
        }
        // Branch on the most fractional free facility; without one the LP point is integral and the node is solved.
        let values = lp.facilityValues
        var branch = -1
        var bestFraction = 1e-6
        for j in evaluation.free {
            let fraction = min(values[j], 1 - values[j])
            if fraction > bestFraction {
                bestFraction = fraction
                branch = j
            }
        }
        if branch < 0 {
            let integral = evaluation.free.filter { values[$0] > 0.5 } + status.indices.filter { status[$0] == .open }
            if integral.count == p { offer(integral.filter { !fixed.contains($0) }) }
            guard !prunes(evaluation.bound) else { return .children([]) }
            // Rounding noise: fall back to the weakest chosen column of the Lagrangian choice.
            branch = evaluation.free[max(evaluation.slots - 1, 0)]
        }
        var opened = status
        opened[branch] = .open
        var closed = status
        closed[branch] = .closed
        return .children([Node(status: closed, bound: evaluation.bound), Node(status: opened, bound: evaluation.bound)])
    }

    /// Offers the LP point rounded to its p largest facilities, polished by the swap search when asked.
    private mutating func roundAndOffer(_ evaluation: Evaluation, status: [Status], polish: Bool) {
        let values = lp.facilityValues
        let opened = status.indices.filter { status[$0] == .open }
        let free = evaluation.free.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && evaluation.scores[$0] > evaluation.scores[$1]) }
        let chosen = opened + free.prefix(evaluation.slots)
        offer(chosen)
        guard polish, polished.count < 2_000, polished.insert(chosen.sorted()).inserted else { return }
        offer(model.improve(fixed: fixed, chosen: chosen, deadline: deadline))
    }
}

let debugLP = ProcessInfo.processInfo.environment["MOKMIN_DEBUG_LP"] != nil
