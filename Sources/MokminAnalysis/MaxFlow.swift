import Foundation

/// Dinic's maximum flow on a small directed graph with real capacities.
struct MaxFlow {
    private var head: [Int]
    private var next: [Int] = []
    private var to: [Int] = []
    private var capacity: [Double] = []
    private var level: [Int]
    private var cursor: [Int]

    init(nodes: Int) {
        head = Array(repeating: -1, count: nodes)
        level = Array(repeating: 0, count: nodes)
        cursor = Array(repeating: 0, count: nodes)
    }

    /// Adds the edge u → v and returns its index (the residual edge is index + 1).
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, _ cap: Double) -> Int {
        let index = to.count
        to.append(v); capacity.append(cap); next.append(head[u]); head[u] = index
        to.append(u); capacity.append(0); next.append(head[v]); head[v] = index + 1
        return index
    }

    /// Flow currently sent along edge `index`.
    func flow(_ index: Int) -> Double { capacity[index + 1] }

    mutating func run(source: Int, sink: Int) -> Double {
        var total = 0.0
        while buildLevels(source, sink) {
            cursor = head
            while true {
                let pushed = push(source, sink, .infinity)
                if pushed <= 1e-12 { break }
                total += pushed
            }
        }
        return total
    }

    private mutating func buildLevels(_ source: Int, _ sink: Int) -> Bool {
        for k in 0..<level.count { level[k] = -1 }
        level[source] = 0
        var queue = [source]
        var front = 0
        while front < queue.count {
            let u = queue[front]
            front += 1
            var e = head[u]
            while e >= 0 {
                if capacity[e] > 1e-12 && level[to[e]] < 0 {
                    level[to[e]] = level[u] + 1
                    queue.append(to[e])
                }
                e = next[e]
            }
        }
        return level[sink] >= 0
    }

    private mutating func push(_ u: Int, _ sink: Int, _ limit: Double) -> Double {
        if u == sink { return limit }
        while cursor[u] >= 0 {
            let e = cursor[u]
            let v = to[e]
            if capacity[e] > 1e-12 && level[v] == level[u] + 1 {
                let pushed = push(v, sink, min(limit, capacity[e]))
                if pushed > 1e-12 {
                    capacity[e] -= pushed
                    capacity[e ^ 1] += pushed
                    return pushed
                }
            }
            cursor[u] = next[e]
        }
        return 0
    }
}
