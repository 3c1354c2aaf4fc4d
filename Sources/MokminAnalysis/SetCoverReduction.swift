import Foundation

/// Reductions of a unit-cost set-covering instance that keep an optimal cover (Toregas and ReVelle 1973):
/// a row with one column forces that column; a row whose columns include all of another row's is dropped;
/// a column whose rows are all covered by another column is dropped. Repeated until nothing changes.
struct SetCoverReduction: Sendable {
    /// Columns every optimal cover may be assumed to contain (original indices).
    var forced: [Int] = []
    /// Remaining rows, each a sorted list of remaining original column indices.
    var rows: [[Int32]]

    init(rows input: [[Int32]], columnCount: Int, workLimit: Int = 50_000_000) {
        var rows = Array(Set(input.map { $0.sorted() })).sorted { $0.count < $1.count || ($0.count == $1.count && $0.lexicographicallyPrecedes($1)) }
        var isForced = [Bool](repeating: false, count: columnCount)
        var work = 0
        var changed = true
        while changed && !rows.isEmpty {
            changed = false
            // Forced columns.
            let singles = Set(rows.filter { $0.count == 1 }.map { Int($0[0]) })
            if !singles.isEmpty {
                for j in singles { isForced[j] = true }
                rows.removeAll { row in row.contains { isForced[Int($0)] } }
                forced.append(contentsOf: singles.sorted())
                changed = true
            }
            if rows.isEmpty { break }
            if work < workLimit, let smaller = Self.dropDominatedRows(rows, columnCount: columnCount, work: &work) {
                rows = smaller
                changed = true
            }
            if work < workLimit, let smaller = Self.dropDominatedColumns(rows, columnCount: columnCount, work: &work) {
                rows = smaller
                changed = true
            }
        }
        self.rows = rows
    }

    /// Is sorted `a` a subset of sorted `b`?
    static func isSubset(_ a: [Int32], _ b: [Int32]) -> Bool {
        guard a.count <= b.count else { return false }
        var k = 0
        for x in a {
            while k < b.count && b[k] < x { k += 1 }
            guard k < b.count && b[k] == x else { return false }
            k += 1
        }
        return true
    }

    /// Drops every row that contains all columns of another row (rows are distinct and sorted by size).
    private static func dropDominatedRows(_ rows: [[Int32]], columnCount: Int, work: inout Int) -> [[Int32]]? {
        var byColumn = [[Int]](repeating: [], count: columnCount)
        for (r, row) in rows.enumerated() { for j in row { byColumn[Int(j)].append(r) } }
        var dropped = [Bool](repeating: false, count: rows.count)
        for (a, row) in rows.enumerated() where !dropped[a] {
            let pivot = row.min { byColumn[Int($0)].count < byColumn[Int($1)].count }!
            for b in byColumn[Int(pivot)] where b != a && !dropped[b] && rows[b].count >= row.count {
                work += row.count + rows[b].count
                if isSubset(row, rows[b]) { dropped[b] = true }
            }
        }
        guard dropped.contains(true) else { return nil }
        return rows.indices.filter { !dropped[$0] }.map { rows[$0] }
    }

    /// Drops every column whose rows are a subset of another column's rows (the lower index wins a tie).
    private static func dropDominatedColumns(_ rows: [[Int32]], columnCount: Int, work: inout Int) -> [[Int32]]? {
        var byColumn = [[Int32]](repeating: [], count: columnCount)
        for (r, row) in rows.enumerated() { for j in row { byColumn[Int(j)].append(Int32(r)) } }
        var dropped = [Bool](repeating: false, count: columnCount)
        for j in 0..<columnCount where !byColumn[j].isEmpty {
            let first = Int(byColumn[j][0])
            for k in rows[first] where Int(k) != j && !dropped[Int(k)] {
                let other = byColumn[Int(k)]
                guard other.count >= byColumn[j].count else { continue }
                if other.count == byColumn[j].count && Int(k) > j { continue }
                work += other.count + byColumn[j].count
                if isSubset(byColumn[j], other) {
                    dropped[j] = true
                    break
                }
            }
        }
        guard dropped.contains(true) else { return nil }
        return rows.map { $0.filter { !dropped[Int($0)] } }
    }
}
