import Foundation

extension ColumnProfileBuilder {
    /// A column's sum for its mean, as SQLite (3.43 and later) sums: integers exactly until they overflow, then
    /// Kahan-Babuška-Neumaier compensated summation of Doubles, large integers split so that no bits are lost.
    struct MeanSum: Sendable {
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
