import Foundation

/// How values are grouped into classes for a choropleth map.
///
/// ``breaks(for:)`` returns the class boundaries `[b₀, b₁, …, bₖ]` with b₀ the minimum and bₖ the maximum; class
/// `i` holds the values `bᵢ < v ≤ bᵢ₊₁`, and class 0 also holds b₀. Fewer than k classes come back when the data
/// has fewer distinct values than requested, or when quantile boundaries coincide.
public enum Classification: Hashable, Sendable {
    /// Classes with (about) the same number of values each; boundaries are the R type-7 (linear interpolation)
    /// quantiles at i/k.
    case quantiles(Int)
    /// Jenks natural breaks, computed exactly by Fisher's dynamic programme: the grouping of the sorted values into
    /// k classes with the least total squared deviation from the class means. Boundaries are class maxima.
    case naturalBreaks(Int)
    /// Classes of equal width between the minimum and the maximum.
    case equalInterval(Int)

    /// The number of classes requested.
    public var classCount: Int {
        switch self {
        case .quantiles(let k), .naturalBreaks(let k), .equalInterval(let k): k
        }
    }

    /// The class boundaries for `values` (non-finite values are ignored); empty when no finite value is left.
    public func breaks(for values: [Double]) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let low = sorted.first, let high = sorted.last else { return [] }
        let k = max(1, classCount)
        if low == high { return [low, high] }
        switch self {
        case .equalInterval:
            return (0...k).map { $0 == k ? high : low + (high - low) * Double($0) / Double(k) }
        case .quantiles:
            return Classification.distinct((0...k).map { Classification.quantile(sorted, Double($0) / Double(k)) })
        case .naturalBreaks:
            return Classification.fisherJenks(sorted, classes: k)
        }
    }

    /// The class of `value` under `breaks` (from ``breaks(for:)``), or nil if it lies outside them or is not finite.
    public static func classIndex(of value: Double, breaks: [Double]) -> Int? {
        guard value.isFinite, let first = breaks.first, let last = breaks.last, value >= first, value <= last else { return nil }
        guard breaks.count > 1 else { return 0 }
        for i in 1..<breaks.count where value <= breaks[i] {
            return i - 1
        }
        return breaks.count - 2
    }

    /// The R type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Removes repeated boundaries, keeping at least `[min, max]`.
    static func distinct(_ breaks: [Double]) -> [Double] {
        var result: [Double] = []
        for b in breaks where result.last != b {
            result.append(b)
        }
        return result.count == 1 ? [result[0], result[0]] : result
    }

    /// Fisher's exact optimal grouping of sorted values, run over distinct values weighted by their counts so
    /// that equal values never land in different classes. O(k·m²) for m distinct values.
    static func fisherJenks(_ sorted: [Double], classes k: Int) -> [Double] {
        var xs: [Double] = [], ws: [Double] = []
        for v in sorted {
            if xs.last == v { ws[ws.count - 1] += 1 } else { xs.append(v); ws.append(1) }
        }
        let m = xs.count
        let k = min(k, m)
        var w = [0.0], s1 = [0.0], s2 = [0.0]
        for i in 0..<m {
            w.append(w[i] + ws[i])
            s1.append(s1[i] + ws[i] * xs[i])
            s2.append(s2[i] + ws[i] * xs[i] * xs[i])
        }
        /// Sum of squared deviations of xs[i...j] from their mean.
        func ssd(_ i: Int, _ j: Int) -> Double {
            let sw = w[j + 1] - w[i], sx = s1[j + 1] - s1[i]
            return max(0, s2[j + 1] - s2[i] - sx * sx / sw)
        }
        // cost[c][j]: least SSD of xs[0...j] in c+1 classes; start[c][j]: first index of the last class.
        var cost = [(0..<m).map { ssd(0, $0) }]
        var start = [[Int](repeating: 0, count: m)]
        for c in stride(from: 1, to: k, by: 1) {
            var row = [Double](repeating: .infinity, count: m), from = [Int](repeating: c, count: m)
            for j in c..<m {
                for i in c...j {
                    let candidate = cost[c - 1][i - 1] + ssd(i, j)
                    if candidate < row[j] {
                        row[j] = candidate
                        from[j] = i
                    }
                }
            }
            cost.append(row)
            start.append(from)
        }
        var maxima: [Double] = []
        var end = m - 1
        for c in stride(from: k - 1, through: 0, by: -1) {
            maxima.append(xs[end])
            end = start[c][end] - 1
        }
        return [xs[0]] + maxima.reversed()
    }
}
