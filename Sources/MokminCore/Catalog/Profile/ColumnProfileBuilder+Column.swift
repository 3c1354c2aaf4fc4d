import Foundation

extension ColumnProfileBuilder {
    /// The running statistics of one column.
    struct Column: Sendable {
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
