import Foundation

/// The basis of `CoverageLP`, factored for its shape, with product-form updates between refactorizations.
///
/// Every row has unit columns (zᵍ and sᵍ in group row g, t in the cardinality row), so a basis is a set U of rows
/// each holding one unit column plus k facility columns yⱼ standing in for the other rows R. With positions equal to
/// rows (a unit column at its row, the i-th facility column at the i-th row of R) a solve needs only the dense
/// k × k kernel M = A(R, K): Bx = a gives x_K = M⁻¹a_R and x_U = a_U − A(U, K)x_K. k is the number of basic
/// facility columns, a few dozen on the instances this LP is for, so the kernel is refactored from scratch (LU with
/// partial pivoting) every `refactorInterval` pivots and the pivots in between are kept as eta columns.
struct CoverageBasis {
    let groupCount: Int
    /// Facility columns in compressed form: the groups column j covers are `rows[start[j]..<start[j + 1]]`.
    let start: [Int]
    let rows: [Int32]

    private(set) var kernelRows: [Int] = []
    private(set) var kernelColumns: [Int] = []
    private var isUnitRow: [Bool]
    private var lu: [Double] = []
    private var permutation: [Int] = []
    private var etaPosition: [Int] = []
    private var etaPivot: [Double] = []
    private var etaStart: [Int] = [0]
    private var etaIndex: [Int] = []
    private var etaValue: [Double] = []
    private var scratch: [Double] = []

    var etaCount: Int { etaPosition.count }
    var kernelSize: Int { kernelColumns.count }

    init(groupCount: Int, start: [Int], rows: [Int32]) {
        self.groupCount = groupCount
        self.start = start
        self.rows = rows
        isUnitRow = Array(repeating: true, count: groupCount + 1)
    }

    /// Factors the basis whose facility columns are `columns` and whose unit columns sit in every other row.
    /// `kernelRows` must list, in order, the rows without a unit column. Returns false when the kernel is singular.
    mutating func factor(columns: [Int], kernelRows rowsWithout: [Int]) -> Bool {
        precondition(columns.count == rowsWithout.count)
        kernelColumns = columns
        kernelRows = rowsWithout
        for r in 0...groupCount { isUnitRow[r] = true }
        for r in rowsWithout { isUnitRow[r] = false }
        etaPosition.removeAll(keepingCapacity: true)
        etaPivot.removeAll(keepingCapacity: true)
        etaStart = [0]
        etaIndex.removeAll(keepingCapacity: true)
        etaValue.removeAll(keepingCapacity: true)
        let k = columns.count
        var localRow = [Int](repeating: -1, count: groupCount + 1)
        for (i, r) in rowsWithout.enumerated() { localRow[r] = i }
        lu = Array(repeating: 0, count: k * k)
        for (c, j) in columns.enumerated() {
            for e in start[j]..<start[j + 1] where localRow[Int(rows[e])] >= 0 { lu[localRow[Int(rows[e])] * k + c] = -1 }
            if localRow[groupCount] >= 0 { lu[localRow[groupCount] * k + c] = 1 }
        }
        permutation = Array(0..<k)
        return lu.withUnsafeMutableBufferPointer { m in
            for col in 0..<k {
                var best = col
                var bestValue = abs(m[col * k + col])
                for r in (col + 1)..<max(col + 1, k) where abs(m[r * k + col]) > bestValue {
                    best = r
                    bestValue = abs(m[r * k + col])
                }
                guard bestValue > 1e-10 else { return false }
                if best != col {
                    for c in 0..<k { m.swapAt(best * k + c, col * k + c) }
                    permutation.swapAt(best, col)
                }
                let pivot = m[col * k + col]
                for r in (col + 1)..<max(col + 1, k) {
                    let factor = m[r * k + col] / pivot
                    guard factor != 0 else { continue }
                    m[r * k + col] = factor
                    for c in (col + 1)..<k { m[r * k + c] -= factor * m[col * k + c] }
                }
            }
            return true
        }
    }

    /// Records the pivot that puts a column whose solved form is `alpha` at `position`.
    mutating func update(position: Int, alpha: [Double]) {
        etaPosition.append(position)
        etaPivot.append(alpha[position])
        for (i, value) in alpha.enumerated() where i != position && abs(value) > 1e-13 {
            etaIndex.append(i)
            etaValue.append(value)
        }
        etaStart.append(etaIndex.count)
    }

    /// Solves B x = a in place (a indexed by row on entry, by basis position on return).
    mutating func solve(_ a: inout [Double]) {
        let k = kernelColumns.count
        if k > 0 {
            if scratch.count < k { scratch = Array(repeating: 0, count: k) }
            for i in 0..<k { scratch[i] = a[kernelRows[permutation[i]]] }
            lu.withUnsafeBufferPointer { m in
                scratch.withUnsafeMutableBufferPointer { x in
                    for i in 0..<k {
                        var sum = x[i]
                        for c in 0..<i { sum -= m[i * k + c] * x[c] }
                        x[i] = sum
                    }
                    for i in stride(from: k - 1, through: 0, by: -1) {
                        var sum = x[i]
                        for c in (i + 1)..<max(i + 1, k) { sum -= m[i * k + c] * x[c] }
                        x[i] = sum / m[i * k + i]
                    }
                }
            }
            for c in 0..<k {
                let value = scratch[c]
                guard value != 0 else { continue }
                let j = kernelColumns[c]
                for e in start[j]..<start[j + 1] where isUnitRow[Int(rows[e])] { a[Int(rows[e])] += value }
                if isUnitRow[groupCount] { a[groupCount] -= value }
            }
            for c in 0..<k { a[kernelRows[c]] = scratch[c] }
        }
        for e in 0..<etaPosition.count {
            let r = etaPosition[e]
            let xr = a[r] / etaPivot[e]
            a[r] = xr
            guard xr != 0 else { continue }
            for q in etaStart[e]..<etaStart[e + 1] { a[etaIndex[q]] -= etaValue[q] * xr }
        }
    }

    /// Solves πᵀB = cᵀ in place (c indexed by basis position on entry, π by row on return).
    mutating func solveTransposed(_ c: inout [Double]) {
        for e in stride(from: etaPosition.count - 1, through: 0, by: -1) {
            let r = etaPosition[e]
            var sum = c[r]
            for q in etaStart[e]..<etaStart[e + 1] { sum -= etaValue[q] * c[etaIndex[q]] }
            c[r] = sum / etaPivot[e]
        }
        let k = kernelColumns.count
        guard k > 0 else { return }
        if scratch.count < k { scratch = Array(repeating: 0, count: k) }
        for i in 0..<k {
            let j = kernelColumns[i]
            var sum = c[kernelRows[i]]
            for e in start[j]..<start[j + 1] where isUnitRow[Int(rows[e])] { sum += c[Int(rows[e])] }
            if isUnitRow[groupCount] { sum -= c[groupCount] }
            scratch[i] = sum
        }
        // Mᵀ = (Pᵀ L U)ᵀ = Uᵀ Lᵀ P: solve Uᵀ w = rhs, Lᵀ v = w, then π_R[perm[i]] = v[i].
        lu.withUnsafeBufferPointer { m in
            scratch.withUnsafeMutableBufferPointer { x in
                for i in 0..<k {
                    var sum = x[i]
                    for r in 0..<i { sum -= m[r * k + i] * x[r] }
                    x[i] = sum / m[i * k + i]
                }
                for i in stride(from: k - 1, through: 0, by: -1) {
                    var sum = x[i]
                    for r in (i + 1)..<max(i + 1, k) { sum -= m[r * k + i] * x[r] }
                    x[i] = sum
                }
            }
        }
        for i in 0..<k { c[kernelRows[permutation[i]]] = scratch[i] }
    }
}
