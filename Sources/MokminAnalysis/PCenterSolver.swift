import Foundation

/// p-center by binary search over the sorted distinct distances (Minieka 1970; Daskin 2000): radius r is feasible
/// when at most p new sites cover every demand point of positive weight not already within r of an existing
/// facility, which the exact set-covering search decides. Every radius below the bound was proven infeasible.
struct PCenterSolver {
    let distances: DistanceMatrix
    let weights: [Double]
    let existing: [Int]
    let p: Int
    let deadline: Deadline

    struct Result {
        var chosen: [Int]
        var objective: Double
        var bound: Double
        var proven: Bool
        var nodes: Int
    }

    /// Largest distance from a positive-weight demand point to its nearest open site.
    func radius(of open: [Int]) -> Double {
        var worst = 0.0
        for i in 0..<distances.rows where weights[i] > 0 {
            var nearest = Double.infinity
            for j in open { nearest = min(nearest, distances[i, j]) }
            worst = max(worst, nearest)
        }
        return worst
    }

    /// Farthest-first: repeatedly opens the candidate nearest to the demand point farthest from every open site.
    private func farthestFirst() -> [Int] {
        let rows = (0..<distances.rows).filter { weights[$0] > 0 }
        var isOpen = [Bool](repeating: false, count: distances.columns)
        for j in existing { isOpen[j] = true }
        var nearest = rows.map { i in existing.map { distances[i, $0] }.min() ?? .infinity }
        var chosen: [Int] = []
        while chosen.count < p {
            guard let far = nearest.indices.max(by: { nearest[$0] < nearest[$1] }) else { break }
            let i = rows[far]
            var pick = -1
            for j in 0..<distances.columns where !isOpen[j] && (pick < 0 || distances[i, j] < distances[i, pick]) { pick = j }
            guard pick >= 0 else { break }
            isOpen[pick] = true
            chosen.append(pick)
            for (k, row) in rows.enumerated() { nearest[k] = min(nearest[k], distances[row, pick]) }
        }
        return chosen
    }

    /// Adds unused candidates until there are p new sites (more sites never lengthen a distance).
    private func padded(_ chosen: [Int]) -> [Int] {
        var result = chosen
        var used = Set(chosen).union(existing)
        for j in 0..<distances.columns where result.count < p && !used.contains(j) {
            result.append(j)
            used.insert(j)
        }
        return result
    }

    func solve() -> Result {
        let rows = (0..<distances.rows).filter { weights[$0] > 0 }
        var best = padded(farthestFirst())
        var objective = radius(of: existing + best)
        guard !rows.isEmpty else { return Result(chosen: best, objective: 0, bound: 0, proven: true, nodes: 0) }
        // No radius below the largest distance from a point to its nearest site of all can be feasible.
        var lowest = 0.0
        for i in rows {
            var nearest = Double.infinity
            for j in 0..<distances.columns { nearest = min(nearest, distances[i, j]) }
            lowest = max(lowest, nearest)
        }
        var values: [Double] = []
        for i in rows {
            for j in 0..<distances.columns {
                let d = distances[i, j]
                if d >= lowest && d <= objective { values.append(d) }
            }
        }
        values.sort()
        var distinct: [Double] = []
        for d in values where distinct.last != d { distinct.append(d) }
        var lo = 0
        var hi = max(0, (distinct.firstIndex { $0 >= objective } ?? distinct.count - 1))
        var nodes = 0
        var isExisting = [Bool](repeating: false, count: distances.columns)
        for j in existing { isExisting[j] = true }
        while lo < hi && !deadline.expired {
            let mid = (lo + hi) / 2
            let r = distinct[mid]
            var coverRows: [[Int32]] = []
            var impossible = false
            for i in rows {
                if existing.contains(where: { distances[i, $0] <= r }) { continue }
                let row = (0..<distances.columns).filter { !isExisting[$0] && distances[i, $0] <= r }.map(Int32.init)
                if row.isEmpty {
                    impossible = true
                    break
                }
                coverRows.append(row)
            }
            if impossible {
                lo = mid + 1
                continue
            }
            var solver = SetCoverSolver(rows: coverRows, columnCount: distances.columns, limit: p, deadline: deadline)
            let answer = solver.solve()
            nodes += answer.nodes
            if let cover = answer.cover, cover.count <= p {
                best = padded(cover)
                objective = radius(of: existing + best)
                hi = distinct.firstIndex { $0 >= objective } ?? mid
            } else if answer.proven {
                lo = mid + 1
            } else {
                break
            }
        }
        let bound = distinct.isEmpty ? objective : distinct[min(lo, distinct.count - 1)]
        return Result(chosen: best.sorted(), objective: objective, bound: min(bound, objective), proven: bound >= objective, nodes: nodes)
    }
}
