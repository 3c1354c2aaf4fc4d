import Foundation

extension ColumnProfileBuilder {
    /// How often each value occurs: exactly up to a limit of distinct values, then a Space-Saving summary (Metwally,
    /// Agrawal and El Abbadi 2005) of the most frequent ones, with a HyperLogLog of all. A summarised value's count is
    /// at most its true count plus its error (the count it inherited when it took a counter over), so `count - error`
    /// is a guaranteed lower bound: the top values are ranked and reported by it.
    struct FrequencyCounter: Sendable {
        let exactLimit: Int
        private var hashes: [UInt64] = []
        private var counts: [Int] = []
        private var errors: [Int] = []
        private var values: [TypedValue] = []
        private var index: [UInt64: Int] = [:]
        /// In the summary: the entries as a min-heap by count, and each entry's place in it.
        private var heap: [Int] = []
        private var place: [Int] = []
        /// Every value's hash, once the exact counts were given up.
        private var distinct: DistinctCounter?

        init(exactLimit: Int) {
            self.exactLimit = exactLimit
        }

        var isSummary: Bool { distinct != nil }
        var distinctCount: Int { distinct?.count ?? hashes.count }

        /// Counts `value` (whose hash is `hash`); true when it was not among the values held (so it may be new).
        mutating func add(_ hash: UInt64, _ value: TypedValue) -> Bool {
            if let entry = index[hash] {
                counts[entry] += 1
                if isSummary {
                    distinct!.insert(hash)
                    siftDown(place[entry])
                }
                return false
            }
            if isSummary {
                distinct!.insert(hash)
                if hashes.count < ColumnProfileBuilder.summaryCounters {
                    append(hash, value, count: 1)
                    heap.append(hashes.count - 1)
                    place.append(heap.count - 1)
                    siftUp(heap.count - 1)
                } else {
                    // Space-Saving: the new value takes the place of the least counted, and inherits its count.
                    let entry = heap[0]
                    index[hashes[entry]] = nil
                    hashes[entry] = hash
                    values[entry] = value
                    errors[entry] = counts[entry]
                    counts[entry] += 1
                    index[hash] = entry
                    siftDown(0)
                }
                return true
            }
            append(hash, value, count: 1)
            if hashes.count > exactLimit { summarise() }
            return true
        }

        private mutating func append(_ hash: UInt64, _ value: TypedValue, count: Int) {
            index[hash] = hashes.count
            hashes.append(hash)
            counts.append(count)
            errors.append(0)
            values.append(value)
        }

        private mutating func summarise() {
            var all = DistinctCounter(exactLimit: exactLimit)
            for hash in hashes { all.insert(hash) }
            let kept = hashes.indices.sorted { counts[$0] > counts[$1] }.prefix(ColumnProfileBuilder.summaryCounters)
            let (oldHashes, oldCounts, oldValues) = (hashes, counts, values)
            hashes = []
            counts = []
            errors = []
            values = []
            index = [:]
            for entry in kept { append(oldHashes[entry], oldValues[entry], count: oldCounts[entry]) }
            heap = Array(hashes.indices)
            place = Array(hashes.indices)
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
            distinct = all
        }

        private mutating func siftDown(_ start: Int) {
            var i = start
            while true {
                let left = 2 * i + 1, right = left + 1
                var smallest = i
                if left < heap.count && counts[heap[left]] < counts[heap[smallest]] { smallest = left }
                if right < heap.count && counts[heap[right]] < counts[heap[smallest]] { smallest = right }
                if smallest == i { return }
                swapAt(i, smallest)
                i = smallest
            }
        }

        private mutating func siftUp(_ start: Int) {
            var i = start
            while i > 0 && counts[heap[(i - 1) / 2]] > counts[heap[i]] {
                swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }

        private mutating func swapAt(_ i: Int, _ j: Int) {
            heap.swapAt(i, j)
            place[heap[i]] = i
            place[heap[j]] = j
        }

        /// The `n` most frequent values, by count (exact, or guaranteed in the summary) descending then by `precedes`.
        func top(_ n: Int, by precedes: (TypedValue, TypedValue) -> Bool) -> [(value: TypedValue, count: Int)] {
            func before(_ a: Int, _ b: Int) -> Bool {
                let (x, y) = (counts[a] - errors[a], counts[b] - errors[b])
                return x != y ? x > y : precedes(values[a], values[b])
            }
            var best: [Int] = []
            for entry in hashes.indices {
                if best.count == n, let last = best.last, !before(entry, last) { continue }
                let position = best.firstIndex { before(entry, $0) } ?? best.count
                best.insert(entry, at: position)
                if best.count > n { best.removeLast() }
            }
            return best.map { (values[$0], counts[$0] - errors[$0]) }
        }
    }
}
