import Foundation

/// The result of a set-covering search: the best cover found (original column indices), a lower bound on the
/// fewest columns, and whether the search finished.
struct SetCoverResult: Sendable {
    var cover: [Int]?
    var bound: Int
    var proven: Bool
    var nodes: Int
}

/// Exact unit-cost set covering: reductions, a Lagrangian lower bound (multipliers on the rows, subgradient steps),
/// a greedy cover guided by the Lagrangian reduced costs, and a depth-first branch and bound that branches on the
/// uncovered row with the fewest columns (take column 1; or not 1 but 2; ...) and bounds every node by a short,
/// warm-started Lagrangian ascent.
struct SetCoverSolver {
    private let reduction: SetCoverReduction
    private let rows: [[Int32]]
    private let columnRows: [[Int32]]
    private let columnCount: Int
    private let deadline: Deadline
    private var best: [Int]?
    private var bestSize: Int
    private var stopAt: Int
    private var nodes = 0
    private var timedOut = false
    private var coverCount: [Int32]
    private var excluded: [Bool]
    private var chosen: [Int] = []
    private var multipliers: [Double]

    /// `rows[i]` lists the columns covering row i; every row must have at least one column.
    /// With `limit`, only covers of at most `limit` columns are of interest, and the search stops at the first one.
    init(rows input: [[Int32]], columnCount: Int, limit: Int? = nil, deadline: Deadline) {
        reduction = SetCoverReduction(rows: input, columnCount: columnCount)
        rows = reduction.rows
        var byColumn = [[Int32]](repeating: [], count: columnCount)
        for (r, row) in rows.enumerated() { for j in row { byColumn[Int(j)].append(Int32(r)) } }
        columnRows = byColumn
        self.columnCount = columnCount
        self.deadline = deadline
        bestSize = limit.map { $0 + 1 } ?? Int.max
        stopAt = limit ?? -1
        coverCount = Array(repeating: 0, count: rows.count)
        excluded = Array(repeating: false, count: columnCount)
        multipliers = Array(repeating: 1, count: rows.count)
    }

    mutating func solve() -> SetCoverResult {
        let forced = reduction.forced.count
        if bestSize != Int.max {
            bestSize -= forced
            stopAt -= forced
            // The forced columns alone exceed the limit.
            if bestSize <= 0 { return SetCoverResult(cover: nil, bound: forced, proven: true, nodes: 0) }
        }
        if rows.isEmpty { return SetCoverResult(cover: reduction.forced, bound: forced, proven: true, nodes: 0) }
        let rootBound = ascend(iterations: 400, patience: 20, theta: 2, guided: true)
        var complete = foundEnough || rootBound >= bestSize
        if !complete && !deadline.expired {
            branch(depth: 0)
            complete = foundEnough || !timedOut
        }
        // A finished search without an early stop proves its incumbent (or that none within the limit exists).
        let finishedOptimal = complete && !foundEnough
        let bound = finishedOptimal ? (best?.count ?? bestSize) : min(rootBound, best?.count ?? rootBound)
        return SetCoverResult(cover: best.map { reduction.forced + $0 }, bound: bound + forced, proven: complete, nodes: nodes)
    }

    private var foundEnough: Bool { best != nil && bestSize <= stopAt }

    /// Lagrangian lower bound on the columns still needed for the uncovered rows, maximised by subgradient steps;
    /// when `guided`, the reduced costs also drive a greedy cover that may improve the incumbent.
    private mutating func ascend(iterations: Int, patience: Int, theta start: Double, guided: Bool) -> Int {
        var theta = start
        var bestBound = -Double.infinity
        var bestMultipliers = multipliers
        var stall = 0
        var reduced = [Double](repeating: 0, count: columnCount)
        var g = [Double](repeating: 0, count: rows.count)
        for iteration in 0..<iterations {
            var bound = 0.0
            for r in 0..<rows.count where coverCount[r] == 0 { bound += multipliers[r] }
            for j in 0..<columnCount where !excluded[j] && !columnRows[j].isEmpty {
                var value = 1.0
                for r in columnRows[j] where coverCount[Int(r)] == 0 { value -= multipliers[Int(r)] }
                reduced[j] = value
                if value < 0 { bound += value }
            }
            if bound > bestBound + 1e-9 {
                bestBound = bound
                bestMultipliers = multipliers
                stall = 0
            } else {
                stall += 1
                if stall >= patience { theta /= 2; stall = 0 }
            }
            if guided && iteration % 50 == 0 { greedy(reduced) }
            let needed = Int((bestBound - 1e-6).rounded(.up))
            if chosen.count + needed >= bestSize || theta < 1e-3 || deadline.expired { break }
            var norm = 0.0
            for r in 0..<rows.count where coverCount[r] == 0 { g[r] = 1 }
            for j in 0..<columnCount where !excluded[j] && reduced[j] < 0 {
                for r in columnRows[j] where coverCount[Int(r)] == 0 { g[Int(r)] -= 1 }
            }
            for r in 0..<rows.count where coverCount[r] == 0 { norm += g[r] * g[r] }
            if norm == 0 { break }
            let target = bestSize == Int.max ? bound * 1.1 + 1 : Double(bestSize - chosen.count)
            let step = theta * max(target - bound, 0.01) / norm
            for r in 0..<rows.count where coverCount[r] == 0 { multipliers[r] = max(0, multipliers[r] + step * g[r]) }
        }
        multipliers = bestMultipliers
        return max(0, Int((bestBound - 1e-6).rounded(.up)))
    }

    /// Greedy completion of the current partial cover, cheapest reduced cost per newly covered row first,
    /// then removal of redundant columns.
    private mutating func greedy(_ reduced: [Double]) {
        var count = coverCount
        var picks: [Int] = []
        var uncovered = count.filter { $0 == 0 }.count
        while uncovered > 0 {
            var pick = -1
            var pickScore = Double.infinity
            for j in 0..<columnCount where !excluded[j] {
                let fresh = columnRows[j].reduce(0) { count[Int($1)] == 0 ? $0 + 1 : $0 }
                guard fresh > 0 else { continue }
                let score = (max(reduced[j], 0) + 1e-3) / Double(fresh)
                if score < pickScore {
                    pickScore = score
                    pick = j
                }
            }
            guard pick >= 0 else { return }
            picks.append(pick)
            for r in columnRows[pick] {
                if count[Int(r)] == 0 { uncovered -= 1 }
                count[Int(r)] += 1
            }
        }
        for j in picks.reversed() where columnRows[j].allSatisfy({ count[Int($0)] > 1 }) {
            for r in columnRows[j] { count[Int(r)] -= 1 }
            picks.removeAll { $0 == j }
        }
        if chosen.count + picks.count < bestSize {
            bestSize = chosen.count + picks.count
            best = chosen + picks
        }
    }

    private mutating func take(_ j: Int, _ delta: Int32) {
        for r in columnRows[j] { coverCount[Int(r)] += delta }
    }

    private mutating func branch(depth: Int) {
        if foundEnough || timedOut { return }
        if deadline.expired {
            timedOut = true
            return
        }
        nodes += 1
        // The uncovered row with the fewest available columns.
        var row = -1
        var rowOptions = Int.max
        for r in 0..<rows.count where coverCount[r] == 0 {
            let options = rows[r].reduce(0) { excluded[Int($1)] ? $0 : $0 + 1 }
            if options < rowOptions {
                rowOptions = options
                row = r
            }
        }
        if row < 0 {
            if chosen.count < bestSize {
                bestSize = chosen.count
                best = chosen
            }
            return
        }
        if rowOptions == 0 || chosen.count + 1 >= bestSize { return }
        let saved = multipliers
        let bound = ascend(iterations: depth < 4 ? 60 : 25, patience: 5, theta: 0.5, guided: depth < 2)
        if chosen.count + max(bound, 1) >= bestSize {
            multipliers = saved
            return
        }
        let options = rows[row].map(Int.init).filter { !excluded[$0] }
            .sorted { columnRows[$0].count > columnRows[$1].count }
        var newlyExcluded: [Int] = []
        for j in options {
            chosen.append(j)
            take(j, 1)
            branch(depth: depth + 1)
            take(j, -1)
            chosen.removeLast()
            if foundEnough || timedOut { break }
            excluded[j] = true
            newlyExcluded.append(j)
        }
        for j in newlyExcluded { excluded[j] = false }
        multipliers = saved
    }
}
