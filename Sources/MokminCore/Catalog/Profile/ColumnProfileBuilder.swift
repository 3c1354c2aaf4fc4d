import Foundation

/// Computes each column's ``ColumnProfile`` while a version's rows stream in, in memory that does not grow with the
/// number of rows.
///
/// Feed every row with ``add(row:)`` (or each value with ``add(_:column:)``), then read ``profiles()``. The profiles
/// are those that SQL aggregates over the stored table give (SQLite storage and comparison: `5` and `5.0` are one
/// value, `-0.0` is `0.0`, NaN is null, text compares by its UTF-8 bytes) as long as no column holds more than
/// `exactDistinctLimit` distinct values. Past that a column's distinct count becomes a HyperLogLog estimate
/// (``DistinctCounter``), its top values come from a Space-Saving summary of ``summaryCounters`` counters (with
/// counts that are guaranteed lower bounds, exact for values counted since before the limit was reached), and its
/// profile says so (``ColumnProfile/estimated``).
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
        add(row: row[...])
    }

    /// Adds one row given as a slice of a larger array (a batch of rows), without copying it.
    public mutating func add(row: ArraySlice<TypedValue>) {
        let count = min(row.count, columns.count)
        let start = row.startIndex
        // First read the distinct-count slot of every numeric column, so that their cache misses overlap rather than
        // come one after another.
        var touched: UInt64 = 0
        for i in 0..<count { touched ^= columns[i].touch(row[start + i]) }
        touchSink = touched
        for i in 0..<count { columns[i].add(row[start + i]) }
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
