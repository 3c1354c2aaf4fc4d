import Foundation

extension PMedianModel {
    /// Fast interchange (Whitaker 1983; the vertex substitution of Teitz and Bart made fast, as in Resende and
    /// Werneck 2004): for each closed column k, one pass over the rows gives the gain of opening k and, for every
    /// open column r at once, the loss of closing r, so the best swap (k in, r out) costs O(n + p).
    /// Swaps are applied first-improvement until a full round finds none. Fixed columns never leave.
    func improve(fixed: [Int], chosen: [Int], deadline: Deadline) -> [Int] {
        guard !chosen.isEmpty, rowCount > 0 else { return chosen }
        var chosen = chosen
        var isOpen = [Bool](repeating: false, count: columnCount)
        var isFixed = [Bool](repeating: false, count: columnCount)
        for j in fixed {
            isOpen[j] = true
            isFixed[j] = true
        }
        for j in chosen { isOpen[j] = true }
        var nearestColumn = [Int](repeating: 0, count: rowCount)
        var first = [Double](repeating: 0, count: rowCount)
        var second = [Double](repeating: 0, count: rowCount)
        func refresh() {
            for i in 0..<rowCount {
                let near = nearest(i, isOpen)
                nearestColumn[i] = near.column
                first[i] = near.cost
                second[i] = near.second
            }
        }
        refresh()
        var loss = [Double](repeating: 0, count: columnCount)
        var total = first.reduce(0, +)
        var sinceImprovement = 0
        var k = 0
        while sinceImprovement < columnCount && !deadline.expired {
            defer { k = (k + 1) % columnCount }
            sinceImprovement += 1
            if isOpen[k] || isFixed[k] { continue }
            for r in chosen { loss[r] = 0 }
            for r in fixed { loss[r] = 0 }
            var gain = 0.0
            cost.withUnsafeBufferPointer { cost in
                for i in 0..<rowCount {
                    let c = cost[i * columnCount + k]
                    if c < first[i] {
                        gain += first[i] - c
                    } else {
                        loss[nearestColumn[i]] += min(c, second[i]) - first[i]
                    }
                }
            }
            var bestPosition = 0
            for position in 1..<chosen.count where loss[chosen[position]] < loss[chosen[bestPosition]] {
                bestPosition = position
            }
            let delta = loss[chosen[bestPosition]] - gain
            guard delta < -1e-9 * max(1, abs(total)) else { continue }
            isOpen[chosen[bestPosition]] = false
            isOpen[k] = true
            chosen[bestPosition] = k
            refresh()
            total = first.reduce(0, +)
            sinceImprovement = 0
        }
        return chosen
    }
}
