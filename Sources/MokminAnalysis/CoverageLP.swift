import Foundation

/// The LP relaxation of maximal covering, solved exactly by a bounded dual simplex that warm-starts across bound changes.
///
///     max Σ wᵍ zᵍ   subject to   zᵍ − Σ_{j covers g} yⱼ + sᵍ = 0 (each group g),   Σ yⱼ + t = p,
///                                 lⱼ ≤ yⱼ ≤ uⱼ,  0 ≤ zᵍ ≤ 1,  0 ≤ sᵍ ≤ min(p, |covers g|),  t = 0.
///
/// Why a dual simplex of our own: the Lagrangian bound the engine had is this LP's value (the relaxation has the
/// integrality property) but subgradient steps only approach it, so on dense instances the last fraction of a percent
/// never closes. A simplex reaches the LP optimum exactly and, when branching changes a bound, restarts from the last
/// basis, which stays dual feasible because every variable is boxed (the slack's box is implied by the rows); a
/// dual simplex then needs a handful of pivots per node. The bound-flipping ratio test lets the many 0–1 variables
/// change bound in one pivot. The basis has a unit column in most rows, so `CoverageBasis` factors only the small
/// kernel of facility columns. Interior-point or bundle methods converge to the same value but do not warm-start.
///
/// The bound this type reports is never the simplex's own objective: `duals` become Lagrangian multipliers μᵍ ∈ [0, wᵍ],
/// and the caller evaluates the Lagrangian bound at them, valid whatever rounding error the simplex made.
struct CoverageLP {
    enum Status { case optimal, infeasible, stopped }

    let groupCount: Int
    let columnCount: Int
    let weight: [Double]
    let p: Double
    private var basis: CoverageBasis
    /// Variables: yⱼ = j, zᵍ = m + g, sᵍ = m + n + g, t = m + 2n.
    private var lower: [Double]
    private var upper: [Double]
    private var cost: [Double]
    private var value: [Double]
    private var reduced: [Double]
    private var heading: [Int]
    private var positionOf: [Int]
    private var alphaRow: [Double]
    private var work: [Double]
    private var column: [Double]
    private(set) var iterations = 0
    private let refactorInterval = 48

    var variableCount: Int { columnCount + 2 * groupCount + 1 }

    init(weight: [Double], columns: [[Int32]], p: Int) {
        groupCount = weight.count
        columnCount = columns.count
        self.weight = weight
        self.p = Double(p)
        var start = [0]
        var rows: [Int32] = []
        var covers = [Int](repeating: 0, count: weight.count)
        for column in columns {
            rows.append(contentsOf: column)
            start.append(rows.count)
            for g in column { covers[Int(g)] += 1 }
        }
        basis = CoverageBasis(groupCount: weight.count, start: start, rows: rows)
        let n = groupCount, m = columnCount
        let count = m + 2 * n + 1
        lower = Array(repeating: 0, count: count)
        upper = Array(repeating: 1, count: count)
        for g in 0..<n { upper[m + n + g] = Double(min(p, covers[g])) }
        upper[count - 1] = 0
        // Minimisation form, every cost perturbed by a few millionths in the direction its bound already holds:
        // without it the zero costs of y and s make almost every dual pivot degenerate and the simplex stalls. The
        // perturbation moves the LP value by less than 1e-5 per unit of p, and the bound is evaluated at the
        // multipliers in the unperturbed Lagrangian anyway.
        var rng = SplitMix64(seed: 17)
        cost = Array(repeating: 0, count: count)
        for v in 0..<(count - 1) {
            let epsilon = 1e-6 * (1 + Double.random(in: 0..<1, using: &rng))
            cost[v] = v >= m && v < m + n ? -weight[v - m] - epsilon * max(1, weight[v - m]) : epsilon
        }
        value = Array(repeating: 0, count: count)
        reduced = cost
        heading = (0..<n).map { m + n + $0 } + [count - 1]
        positionOf = Array(repeating: -1, count: count)
        for (position, v) in heading.enumerated() { positionOf[v] = position }
        alphaRow = Array(repeating: 0, count: count)
        work = Array(repeating: 0, count: n + 1)
        column = Array(repeating: 0, count: n + 1)
        _ = basis.factor(columns: [], kernelRows: [])
        recompute()
    }

    /// The LP objective Σ wᵍ zᵍ at the current point (for reporting; bounds come from `multipliers`).
    var objective: Double { (0..<groupCount).reduce(0.0) { $0 + weight[$1] * value[columnCount + $1] } }

    /// The current values of the facility variables.
    var facilityValues: ArraySlice<Double> { value[0..<columnCount] }

    /// Changes the bounds of facility j; takes effect at the next `solve`.
    mutating func setBounds(_ j: Int, lower l: Double, upper u: Double) {
        lower[j] = l
        upper[j] = u
    }

    func bounds(_ j: Int) -> (lower: Double, upper: Double) { (lower[j], upper[j]) }

    /// Row duals as Lagrangian multipliers μᵍ ∈ [0, wᵍ] of the coverage rows.
    mutating func multipliers() -> [Double] {
        for (position, v) in heading.enumerated() { work[position] = cost[v] }
        basis.solveTransposed(&work)
        return (0..<groupCount).map { g in min(max(-work[g], 0), weight[g]) }
    }

    /// Runs the dual simplex from the current basis to optimality, infeasibility, or `maxIterations` pivots.
    mutating func solve(deadline: Deadline, maxIterations: Int = .max) -> Status {
        recompute()
        var count = 0
        while true {
            if count >= maxIterations || (count & 63 == 63 && deadline.expired) { return .stopped }
            guard let leaving = chooseLeaving() else { return .optimal }
            switch pivot(at: leaving) {
            case .infeasible: return .infeasible
            case .done: break
            case .unstable:
                recompute()
            }
            count += 1
            iterations += 1
            if basis.etaCount >= refactorInterval { recompute() }
        }
    }

    // MARK: - Columns

    /// Adds `scale` times the column of variable v to `vector` (indexed by row).
    private func addColumn(_ v: Int, scale: Double, to vector: inout [Double]) {
        let m = columnCount, n = groupCount
        if v < m {
            for e in basis.start[v]..<basis.start[v + 1] { vector[Int(basis.rows[e])] -= scale }
            vector[n] += scale
        } else if v < m + n {
            vector[v - m] += scale
        } else if v < m + 2 * n {
            vector[v - m - n] += scale
        } else {
            vector[n] += scale
        }
    }

    /// πᵀ a_v for the row vector π (indexed by row).
    private func dot(_ pi: [Double], _ v: Int) -> Double {
        let m = columnCount, n = groupCount
        if v < m {
            var sum = pi[n]
            for e in basis.start[v]..<basis.start[v + 1] { sum -= pi[Int(basis.rows[e])] }
            return sum
        }
        if v < m + n { return pi[v - m] }
        if v < m + 2 * n { return pi[v - m - n] }
        return pi[n]
    }

    // MARK: - Simplex

    /// Refactors, then recomputes basic values and reduced costs from scratch, moving every nonbasic variable to the
    /// bound its reduced cost asks for (always possible: every variable is boxed).
    private mutating func recompute() {
        var columns: [Int] = []
        var isCovered = [Bool](repeating: false, count: groupCount + 1)
        var unitAt = [Int](repeating: -1, count: groupCount + 1)
        let m = columnCount, n = groupCount
        for v in heading {
            if v < m {
                columns.append(v)
            } else {
                let row = v < m + n ? v - m : (v < m + 2 * n ? v - m - n : n)
                if isCovered[row] {
                    // Two unit columns in one row: singular, start again from the slack basis.
                    resetToSlackBasis()
                    return recompute()
                }
                isCovered[row] = true
                unitAt[row] = v
            }
        }
        let free = (0...n).filter { !isCovered[$0] }
        if !basis.factor(columns: columns, kernelRows: free) {
            resetToSlackBasis()
            return recompute()
        }
        for r in 0...n where unitAt[r] >= 0 { heading[r] = unitAt[r] }
        for (i, r) in free.enumerated() { heading[r] = columns[i] }
        for v in 0..<variableCount { positionOf[v] = -1 }
        for (position, v) in heading.enumerated() { positionOf[v] = position }
        // Duals and reduced costs.
        for (position, v) in heading.enumerated() { work[position] = cost[v] }
        basis.solveTransposed(&work)
        for v in 0..<variableCount where positionOf[v] < 0 {
            reduced[v] = cost[v] - dot(work, v)
            if lower[v] == upper[v] {
                value[v] = lower[v]
            } else if reduced[v] < -1e-9 {
                value[v] = upper[v]
            } else if reduced[v] > 1e-9 {
                value[v] = lower[v]
            } else {
                value[v] = min(max(value[v], lower[v]), upper[v])
                if value[v] != lower[v] && value[v] != upper[v] { value[v] = lower[v] }
            }
        }
        // Basic values: B x_B = b − N x_N.
        for r in 0..<n { column[r] = 0 }
        column[n] = p
        for v in 0..<variableCount where positionOf[v] < 0 && value[v] != 0 { addColumn(v, scale: -value[v], to: &column) }
        basis.solve(&column)
        for (position, v) in heading.enumerated() {
            value[v] = column[position]
            reduced[v] = 0
        }
    }

    private mutating func resetToSlackBasis() {
        let m = columnCount, n = groupCount
        heading = (0..<n).map { m + n + $0 } + [variableCount - 1]
    }

    /// The basis position whose variable is furthest outside its bounds, if any is beyond tolerance.
    private func chooseLeaving() -> Int? {
        var best = -1
        var bestInfeasibility = 1e-9
        for (position, v) in heading.enumerated() {
            let infeasibility = max(lower[v] - value[v], value[v] - upper[v])
            if infeasibility > bestInfeasibility {
                bestInfeasibility = infeasibility
                best = position
            }
        }
        return best >= 0 ? best : nil
    }

    private enum PivotOutcome { case done, infeasible, unstable }

    /// One dual simplex pivot with the bound-flipping ratio test; `position` leaves the basis.
    private mutating func pivot(at position: Int) -> PivotOutcome {
        let leaving = heading[position]
        let belowLower = value[leaving] < lower[leaving]
        let target = belowLower ? lower[leaving] : upper[leaving]
        // Row `position` of B⁻¹A.
        for r in 0...groupCount { work[r] = 0 }
        work[position] = 1
        basis.solveTransposed(&work)
        // Candidates: nonbasic variables that can move the leaving one toward its bound.
        var candidates: [(variable: Int, ratio: Double, alpha: Double)] = []
        for v in 0..<variableCount where positionOf[v] < 0 && lower[v] < upper[v] {
            let alpha = dot(work, v)
            alphaRow[v] = alpha
            guard abs(alpha) > 1e-9 else { continue }
            let atLower = value[v] <= lower[v]
            // Leaving below its lower bound must rise: x_B changes by −α Δx_v.
            let eligible = belowLower ? (atLower ? alpha < 0 : alpha > 0) : (atLower ? alpha > 0 : alpha < 0)
            guard eligible else { continue }
            candidates.append((v, max(0, atLower ? reduced[v] : -reduced[v]) / abs(alpha), alpha))
        }
        guard !candidates.isEmpty else { return .infeasible }
        candidates.sort { $0.ratio < $1.ratio || ($0.ratio == $1.ratio && abs($0.alpha) > abs($1.alpha)) }
        var slope = abs(value[leaving] - target)
        var entering = -1
        var flips: [Int] = []
        for (k, candidate) in candidates.enumerated() {
            let range = upper[candidate.variable] - lower[candidate.variable]
            let next = slope - abs(candidate.alpha) * range
            if next < 0 || k == candidates.count - 1 {
                // Among the breakpoints tied with this one, the largest |α| is the most stable pivot.
                var choice = k
                var j = k + 1
                while j < candidates.count && candidates[j].ratio <= candidate.ratio + 1e-12 {
                    if abs(candidates[j].alpha) > abs(candidates[choice].alpha) { choice = j }
                    j += 1
                }
                entering = candidates[choice].variable
                break
            }
            slope = next
            flips.append(candidate.variable)
        }
        if entering < 0 { return .infeasible }
        flips.removeAll { $0 == entering }
        let thetaDual = reduced[entering] / alphaRow[entering]
        // Reduced costs of nonbasic variables move along the row.
        for v in 0..<variableCount where positionOf[v] < 0 && lower[v] < upper[v] {
            reduced[v] -= thetaDual * alphaRow[v]
        }
        reduced[entering] = 0
        // Flips, then the primal step.
        if !flips.isEmpty {
            for r in 0...groupCount { column[r] = 0 }
            for v in flips {
                let delta = (value[v] <= lower[v] ? upper[v] : lower[v]) - value[v]
                value[v] += delta
                addColumn(v, scale: delta, to: &column)
            }
            basis.solve(&column)
            for (position, v) in heading.enumerated() { value[v] -= column[position] }
        }
        for r in 0...groupCount { column[r] = 0 }
        addColumn(entering, scale: 1, to: &column)
        basis.solve(&column)
        let pivotValue = column[position]
        if abs(pivotValue - alphaRow[entering]) > 1e-7 * max(1, abs(pivotValue)) || abs(pivotValue) < 1e-11 { return .unstable }
        let thetaPrimal = (value[leaving] - target) / pivotValue
        for (k, v) in heading.enumerated() { value[v] -= thetaPrimal * column[k] }
        value[entering] += thetaPrimal
        value[leaving] = target
        reduced[leaving] = -thetaDual
        heading[position] = entering
        positionOf[entering] = position
        positionOf[leaving] = -1
        basis.update(position: position, alpha: column)
        return .done
    }
}
