import Foundation

/// Computes each column's ``ColumnProfile`` while a version's rows stream in, in memory that does not grow with the
/// number of rows.
///
/// Feed every row with ``add(row:)`` (or each value with ``add(_:column:)``), then read ``profiles()``. The profiles
/// are those that SQL aggregates over the stored table give (SQLite storage and comparison: `5` and `5.0` are one
/// value, `-0.0` is `0.0`, NaN is null, text compares by its UTF-8 bytes) as long as no column holds more than
/// `exactDistinctLimit` distinct values. Past that a column's distinct count becomes a HyperLogLog estimate
/// (``DistinctCounter``), its top values come from a Space-Saving summary of ``summaryCounters`` counters (counts are
/// then upper bounds), and its profile says so (``ColumnProfile/estimated``).
///
/// A histogram needs its column's minimum and maximum before the first value is binned, so the builder bins with the
/// range found by an earlier pass over the file. A numeric column given no range, or whose values turn out not to
/// span exactly that range, is listed in ``columnsNeedingHistogramPass``: call ``prepareHistogramPass()`` once all
/// rows are in, feed those columns' numbers again with ``addHistogramValue(_:column:)``, then read ``profiles()``.
///
/// Values of another type than their column's are stored as SQLite would store them, with two simplifications: a
/// number or boolean in a text column is taken as its ``TypedValue/plainText``, and text in a numeric column counts
/// towards the non-null and distinct counts and the minimum and maximum but not the mean or the histogram.
public struct ColumnProfileBuilder: Sendable {
    /// The number of equal-width bins of a numeric column's histogram.
    public static let binCount = 12
    /// How many of the most frequent values a profile lists.
    public static let topCount = 5
    /// The counters of the summary that replaces exact value counts when a column exceeds the exact limit.
    public static let summaryCounters = 1_024

    private var columns: [Column]
    /// Where ``add(row:)`` keeps what it read ahead, so that the reads are not optimised away.
    private var touchSink: UInt64 = 0

    /// - Parameters:
    ///   - columns: each column's label and type, in row order.
    ///   - histogramRanges: for each column, the smallest and largest number it will hold when known in advance
    ///     (missing entries count as nil).
    ///   - exactDistinctLimit: how many distinct values per column are counted exactly.
    public init(columns: [(label: String, type: ColumnType)], histogramRanges: [ClosedRange<Double>?] = [], exactDistinctLimit: Int = 65_536) {
        self.columns = columns.enumerated().map { i, column in
            Column(
                label: column.label, type: column.type, range: i < histogramRanges.count ? histogramRanges[i] : nil,
                exactLimit: max(0, exactDistinctLimit))
        }
    }

    /// Takes one value of column `column` into account (`.null` counts as missing).
    public mutating func add(_ value: TypedValue, column: Int) {
        columns[column].add(value)
    }

    /// Takes one row into account, its values in column order (values beyond the last column are ignored).
    public mutating func add(row: [TypedValue]) {
        let count = min(row.count, columns.count)
        // First read the distinct-count slot of every numeric column, so that their cache misses overlap rather than
        // come one after another.
        var touched: UInt64 = 0
        for i in 0..<count { touched ^= columns[i].touch(row[i]) }
        touchSink = touched
        for i in 0..<count { columns[i].add(row[i]) }
    }

    /// The numeric columns whose histogram could not be binned while the rows came in: no range was given, or the
    /// values' minimum or maximum differs from it. Stays the same after ``prepareHistogramPass()``.
    public var columnsNeedingHistogramPass: [Int] {
        columns.indices.filter { columns[$0].needsHistogramPass }
    }

    /// Empties the histograms of ``columnsNeedingHistogramPass`` and sets their bins from the values' exact minimum and
    /// maximum, for a second pass of ``addHistogramValue(_:column:)``. Call it after the last row was added.
    public mutating func prepareHistogramPass() {
        for i in columns.indices where columns[i].needsHistogramPass { columns[i].startRebinning() }
    }

    /// Bins one number of column `column` in the second pass. Columns that do not need the pass ignore it, so the
    /// caller may feed every numeric value of the row.
    public mutating func addHistogramValue(_ value: Double, column: Int) {
        columns[column].rebin(value)
    }

    /// The profiles, in column order. A column still waiting for its histogram pass has an empty histogram.
    public func profiles() -> [ColumnProfile] {
        columns.map(\.profile)
    }

    /// A number as a profile shows it: integral values below 10^15 without a decimal point, others with at most
    /// four decimals and no trailing zeros (`2.5`, `3`, `1.2346`).
    public static func decimalText(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        var text = String(format: "%.4f", d)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    /// Whether `a` sorts before `b` by their UTF-8 bytes (SQLite's BINARY collation).
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let n = min(x.count, y.count)
                let order = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

extension ColumnProfileBuilder {
    /// The running statistics of one column.
    private struct Column: Sendable {
        let label: String
        let type: ColumnType
        /// SQLite's INTEGER affinity (integer and boolean columns) keeps integral numbers as integers; REAL affinity
        /// (decimal, longitude, latitude) stores every number as a Double.
        let integerAffinity: Bool
        var nonNull = 0

        // Numbers (numeric columns).
        var distinct: DistinctCounter
        var integerCount = 0, integerMin = Int64.max, integerMax = Int64.min
        var realCount = 0, realMin = Double.infinity, realMax = -Double.infinity
        var sum = MeanSum()
        let givenRange: ClosedRange<Double>?
        var bins: [Int]
        var binning: Bool
        var rebinning = false
        var binLow: Double, binWidth: Double

        // Texts: the smallest and largest, and the value counts of non-numeric columns.
        var textMin: String?, textMax: String?
        var frequencies: FrequencyCounter

        init(label: String, type: ColumnType, range: ClosedRange<Double>?, exactLimit: Int) {
            self.label = label
            self.type = type
            integerAffinity = type == .integer || type == .boolean
            distinct = DistinctCounter(exactLimit: type.isNumeric ? exactLimit : 0)
            frequencies = FrequencyCounter(exactLimit: exactLimit)
            givenRange = type.isNumeric ? range : nil
            bins = type.isNumeric ? Array(repeating: 0, count: ColumnProfileBuilder.binCount) : []
            binning = givenRange != nil
            binLow = givenRange?.lowerBound ?? 0
            binWidth = Self.width(givenRange?.lowerBound ?? 0, givenRange?.upperBound ?? 0)
        }

        static func width(_ low: Double, _ high: Double) -> Double {
            let width = (high - low) / Double(ColumnProfileBuilder.binCount)
            return width > 0 ? width : 1
        }

        /// Reads the slot of the distinct counter that adding `value` will probe (numbers only).
        @inline(__always)
        func touch(_ value: TypedValue) -> UInt64 {
            guard type.isNumeric else { return 0 }
            switch value {
            case .decimal(let d): return distinct.touch(DistinctCounter.hash(d))
            case .integer(let i): return distinct.touch(integerAffinity ? DistinctCounter.hash(i) : DistinctCounter.hash(Double(i)))
            default: return 0
            }
        }

        mutating func add(_ value: TypedValue) {
            if type.isNumeric { addToNumeric(value) } else { addToCategorical(value) }
        }

        // MARK: Numeric columns

        private mutating func addToNumeric(_ value: TypedValue) {
            switch value {
            case .null: return
            case .decimal(let d):
                if integerAffinity, let i = Int64(exactly: d) { addInteger(i) } else { addReal(d) }
            case .integer(let i):
                if integerAffinity { addInteger(i) } else { addReal(Double(i)) }
            case .boolean(let b):
                if integerAffinity { addInteger(b ? 1 : 0) } else { addReal(b ? 1 : 0) }
            case .text(let s), .date(let s), .dateTime(let s):
                nonNull += 1
                distinct.insert(DistinctCounter.hash(utf8: s))
                updateTextBounds(s)
            }
        }

        private mutating func addReal(_ d: Double) {
            guard !d.isNaN else { return }
            nonNull += 1
            realCount += 1
            if d < realMin { realMin = d }
            if d > realMax { realMax = d }
            sum.add(d)
            distinct.insert(DistinctCounter.hash(d))
            if binning { bins[bin(d)] += 1 }
        }

        private mutating func addInteger(_ i: Int64) {
            nonNull += 1
            integerCount += 1
            if i < integerMin { integerMin = i }
            if i > integerMax { integerMax = i }
            sum.add(i)
            distinct.insert(DistinctCounter.hash(i))
            if binning { bins[bin(Double(i))] += 1 }
        }

        /// SQL's `MIN(11, CAST((v - low) / width AS INTEGER))`, kept within the bins.
        @inline(__always)
        private func bin(_ v: Double) -> Int {
            let x = (v - binLow) / binWidth
            return x < Double(ColumnProfileBuilder.binCount) ? (x > 0 ? Int(x) : 0) : ColumnProfileBuilder.binCount - 1
        }

        /// The smallest and largest number as Doubles (nil without numbers).
        private var numericBounds: (low: Double, high: Double)? {
            switch (integerCount > 0, realCount > 0) {
            case (true, true): (min(Double(integerMin), realMin), max(Double(integerMax), realMax))
            case (true, false): (Double(integerMin), Double(integerMax))
            case (false, true): (realMin, realMax)
            case (false, false): nil
            }
        }

        var needsHistogramPass: Bool {
            guard type.isNumeric, let bounds = numericBounds else { return false }
            guard !rebinning, let givenRange else { return true }
            return givenRange.lowerBound != bounds.low || givenRange.upperBound != bounds.high
        }

        mutating func startRebinning() {
            guard let bounds = numericBounds else { return }
            bins = Array(repeating: 0, count: ColumnProfileBuilder.binCount)
            binning = false
            rebinning = true
            binLow = bounds.low
            binWidth = Self.width(bounds.low, bounds.high)
        }

        mutating func rebin(_ v: Double) {
            guard rebinning, !v.isNaN else { return }
            bins[bin(v)] += 1
        }

        /// The smaller (or larger) number as the profile shows it, comparing integers and Doubles exactly enough.
        private func numberText(largest: Bool) -> String? {
            let integer = integerCount > 0 ? (largest ? integerMax : integerMin) : nil
            let real = realCount > 0 ? (largest ? realMax : realMin) : nil
            if let integer, real.map({ largest ? Double(integer) >= $0 : Double(integer) <= $0 }) ?? true {
                return type == .integer ? String(integer) : ColumnProfileBuilder.decimalText(Double(integer))
            }
            guard let real else { return nil }
            // A fraction in an integer column reads back as its integer part, as `TypedValue(_:as: .integer)` does.
            if type == .integer, let truncated = Int64(exactly: real.rounded(.towardZero)) { return String(truncated) }
            return ColumnProfileBuilder.decimalText(real)
        }

        // MARK: Non-numeric columns

        private mutating func addToCategorical(_ value: TypedValue) {
            let stored: TypedValue
            let hash: UInt64
            switch value {
            case .null: return
            case .text(let s), .date(let s), .dateTime(let s):
                stored = value
                hash = DistinctCounter.hash(utf8: s)
            case .integer(let i) where type == .boolean:
                stored = value
                hash = DistinctCounter.hash(i)
            case .boolean(let b) where type == .boolean:
                stored = .integer(b ? 1 : 0)
                hash = DistinctCounter.hash(Int64(b ? 1 : 0))
            case .decimal(let d) where type == .boolean:
                guard !d.isNaN else { return }
                stored = Int64(exactly: d).map(TypedValue.integer) ?? value
                hash = DistinctCounter.hash(d)
            case .decimal(let d) where d.isNaN:
                return
            case .integer, .decimal, .boolean:
                let text = value.plainText
                stored = .text(text)
                hash = DistinctCounter.hash(utf8: text)
            }
            nonNull += 1
            // A value counted before cannot be a new minimum or maximum.
            if frequencies.add(hash, stored), type != .boolean {
                switch stored {
                case .text(let s), .date(let s), .dateTime(let s): updateTextBounds(s)
                default: break
                }
            }
        }

        private mutating func updateTextBounds(_ s: String) {
            if textMin.map({ ColumnProfileBuilder.bytesPrecede(s, $0) }) ?? true { textMin = s }
            if textMax.map({ ColumnProfileBuilder.bytesPrecede($0, s) }) ?? true { textMax = s }
        }

        /// SQLite's order of stored values: numbers before text, numbers by value, text by bytes.
        private static func precedes(_ a: TypedValue, _ b: TypedValue) -> Bool {
            switch (number(a), number(b)) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): ColumnProfileBuilder.bytesPrecede(a.plainText, b.plainText)
            }
        }

        private static func number(_ value: TypedValue) -> Double? {
            switch value {
            case .integer(let i): Double(i)
            case .decimal(let d): d
            default: nil
            }
        }

        /// A stored value as the profile shows it (booleans are stored as 0 and 1).
        private func display(_ value: TypedValue) -> String {
            switch value {
            case .integer(let i) where type == .boolean: i != 0 ? "true" : "false"
            case .decimal(let d): ColumnProfileBuilder.decimalText(d)
            default: value.plainText
            }
        }

        // MARK: Result

        var profile: ColumnProfile {
            var minimum: String?, maximum: String?, mean: Double?
            var histogram: [Int] = []
            var top: [ColumnProfile.ValueCount] = []
            let distinctCount: Int, estimated: Bool
            if type.isNumeric {
                let numbers = integerCount + realCount
                if numbers > 0 {
                    minimum = numberText(largest: false)
                    maximum = numberText(largest: true)
                    mean = sum.total / Double(numbers)
                    histogram = needsHistogramPass && !rebinning ? [] : bins
                }
                // SQLite sorts text after every number.
                if numbers == 0 { minimum = textMin }
                if let textMax { maximum = textMax }
                distinctCount = distinct.count
                estimated = distinct.isEstimate
            } else {
                if type != .boolean {
                    minimum = textMin
                    maximum = textMax
                }
                top = frequencies.top(ColumnProfileBuilder.topCount, by: Self.precedes).map {
                    ColumnProfile.ValueCount(value: display($0.value), count: $0.count)
                }
                distinctCount = frequencies.distinctCount
                estimated = frequencies.isSummary
            }
            return ColumnProfile(
                label: label, type: type, nonNullCount: nonNull, distinctCount: distinctCount, minimum: minimum, maximum: maximum,
                mean: mean, topValues: top, histogram: histogram, estimated: estimated)
        }
    }
}

extension ColumnProfileBuilder {
    /// How often each value occurs: exactly up to a limit of distinct values, then a Space-Saving summary (Metwally,
    /// Agrawal and El Abbadi 2005) of the most frequent ones, whose counts are upper bounds, with a HyperLogLog of all.
    private struct FrequencyCounter: Sendable {
        let exactLimit: Int
        private var hashes: [UInt64] = []
        private var counts: [Int] = []
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
            values.append(value)
        }

        private mutating func summarise() {
            var all = DistinctCounter(exactLimit: exactLimit)
            for hash in hashes { all.insert(hash) }
            let kept = hashes.indices.sorted { counts[$0] > counts[$1] }.prefix(ColumnProfileBuilder.summaryCounters)
            let (oldHashes, oldCounts, oldValues) = (hashes, counts, values)
            hashes = []
            counts = []
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

        /// The `n` most frequent values, by count descending then by `precedes`.
        func top(_ n: Int, by precedes: (TypedValue, TypedValue) -> Bool) -> [(value: TypedValue, count: Int)] {
            func before(_ a: Int, _ b: Int) -> Bool {
                counts[a] != counts[b] ? counts[a] > counts[b] : precedes(values[a], values[b])
            }
            var best: [Int] = []
            for entry in hashes.indices {
                if best.count == n, let last = best.last, !before(entry, last) { continue }
                let position = best.firstIndex { before(entry, $0) } ?? best.count
                best.insert(entry, at: position)
                if best.count > n { best.removeLast() }
            }
            return best.map { (values[$0], counts[$0]) }
        }
    }
}

extension ColumnProfileBuilder {
    /// A column's sum for its mean, as SQLite (3.43 and later) sums: integers exactly until they overflow, then
    /// Kahan-Babuška-Neumaier compensated summation of Doubles, large integers split so that no bits are lost.
    private struct MeanSum: Sendable {
        private var approximate = false
        private var integerSum: Int64 = 0
        private var sum = 0.0
        private var error = 0.0

        var total: Double {
            approximate ? (error.isFinite ? sum + error : sum) : Double(integerSum)
        }

        mutating func add(_ i: Int64) {
            if !approximate {
                let (s, overflow) = integerSum.addingReportingOverflow(i)
                if !overflow {
                    integerSum = s
                    return
                }
                begin()
            }
            if i.magnitude >= 1 << 52 {
                let small = i % 16384
                step(Double(i - small))
                step(Double(small))
            } else {
                step(Double(i))
            }
        }

        @inline(__always)
        mutating func add(_ r: Double) {
            if !approximate { begin() }
            step(r)
        }

        private mutating func begin() {
            approximate = true
            if integerSum.magnitude >= 1 << 52 {
                let small = integerSum % 16384
                sum = Double(integerSum - small)
                error = Double(small)
            } else {
                sum = Double(integerSum)
                error = 0
            }
        }

        @inline(__always)
        private mutating func step(_ r: Double) {
            let t = sum + r
            if abs(sum) > abs(r) {
                error += (sum - t) + r
            } else {
                error += (r - t) + sum
            }
            sum = t
        }
    }
}
