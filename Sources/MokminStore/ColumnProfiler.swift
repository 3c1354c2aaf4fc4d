import Foundation
import GRDB
import MokminCore

/// Computes `ColumnProfile`s with SQL aggregates over a version's table (inside the publishing transaction).
enum ColumnProfiler {
    static let bins = 12
    static let topCount = 5

    /// Three scans of the table in all (counts, distinct counts, extremes and means of every column in one; the
    /// histograms of every numeric column in another), plus one `GROUP BY` per text-like column for its top values.
    static func profile(_ db: Database, table: String, columns: [DatasetColumn]) throws -> [ColumnProfile] {
        guard !columns.isEmpty else { return [] }
        let t = try SQLIdentifier.quoted(table)
        let names = try columns.map { try SQLIdentifier.quoted($0.sqlName) }
        let summary = try Row.fetchOne(
            db, sql: "SELECT " + names.map { "COUNT(\($0)), COUNT(DISTINCT \($0)), MIN(\($0)), MAX(\($0)), AVG(\($0))" }.joined(separator: ", ") + " FROM \(t)")!

        // Histogram bins: for each numeric column with a range, 12 sums in one statement.
        var binned: [(index: Int, lo: Double, width: Double)] = []
        for (i, column) in columns.enumerated() where column.type.isNumeric {
            if let lo = summary[i * 5 + 2] as Double?, let hi = summary[i * 5 + 3] as Double? {
                binned.append((i, lo, hi > lo ? (hi - lo) / Double(bins) : 1))
            }
        }
        var histograms: [Int: [Int]] = [:]
        if !binned.isEmpty {
            var expressions: [String] = []
            var arguments = StatementArguments()
            for b in binned {
                let bin = "MIN(\(bins - 1), MAX(0, CAST((\(names[b.index]) - ?) / ? AS INTEGER)))"
                for k in 0..<bins {
                    expressions.append("TOTAL(\(names[b.index]) IS NOT NULL AND \(bin) = \(k))")
                    _ = arguments.append(contentsOf: [b.lo, b.width])
                }
            }
            let row = try Row.fetchOne(db, sql: "SELECT " + expressions.joined(separator: ", ") + " FROM \(t)", arguments: arguments)!
            for (n, b) in binned.enumerated() {
                histograms[b.index] = (0..<bins).map { k in Int(row[n * bins + k] as Double) }
            }
        }

        return try columns.enumerated().map { i, column in
            let nonNull: Int = summary[i * 5]
            let low: DatabaseValue = summary[i * 5 + 2]
            let high: DatabaseValue = summary[i * 5 + 3]
            let showsRange = column.type != .boolean && !low.isNull
            var top: [ColumnProfile.ValueCount] = []
            if !column.type.isNumeric {
                top = try Row.fetchAll(
                    db,
                    sql: "SELECT \(names[i]), COUNT(*) AS n FROM \(t) WHERE \(names[i]) IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT \(topCount)"
                ).map { ColumnProfile.ValueCount(value: text($0[0], column.type), count: $0[1]) }
            }
            return ColumnProfile(
                label: column.label, type: column.type, nonNullCount: nonNull, distinctCount: summary[i * 5 + 1],
                minimum: showsRange ? text(low, column.type) : nil, maximum: showsRange ? text(high, column.type) : nil,
                mean: column.type.isNumeric && nonNull > 0 ? summary[i * 5 + 4] : nil, topValues: top, histogram: histograms[i] ?? [])
        }
    }

    static func text(_ value: DatabaseValue, _ type: ColumnType) -> String {
        switch TypedValue(value, as: type) {
        case .decimal(let d):
            // Four decimals are plenty for a summary; trailing zeros are dropped.
            d == d.rounded() && abs(d) < 1e15
                ? String(Int64(d)) : String(format: "%.4f", d).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        case let other: other.plainText
        }
    }
}
