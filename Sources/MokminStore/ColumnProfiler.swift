import Foundation
import GRDB
import MokminCore

/// Computes `ColumnProfile`s with SQL aggregates over a version's table (inside the publishing transaction).
enum ColumnProfiler {
    static let bins = 12
    static let topCount = 5

    static func profile(_ db: Database, table: String, columns: [DatasetColumn]) throws -> [ColumnProfile] {
        let t = try SQLIdentifier.quoted(table)
        return try columns.map { column in
            let c = try SQLIdentifier.quoted(column.sqlName)
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(\(c)), COUNT(DISTINCT \(c)), MIN(\(c)), MAX(\(c)), AVG(\(c)) FROM \(t)")!
            let nonNull: Int = row[0]
            var minimum: String? = (row[2] as DatabaseValue).isNull ? nil : text(row[2], column.type)
            var maximum: String? = (row[3] as DatabaseValue).isNull ? nil : text(row[3], column.type)
            var mean: Double?
            var histogram: [Int] = []
            var top: [ColumnProfile.ValueCount] = []
            if column.type.isNumeric, nonNull > 0, let lo = row[2] as Double?, let hi = row[3] as Double? {
                mean = row[4]
                histogram = Array(repeating: 0, count: bins)
                let width = (hi - lo) / Double(bins)
                for bin in try Row.fetchAll(
                    db,
                    sql: "SELECT MIN(\(bins - 1), CAST((\(c) - ?) / ? AS INTEGER)) AS b, COUNT(*) FROM \(t) WHERE \(c) IS NOT NULL GROUP BY b",
                    arguments: [lo, width > 0 ? width : 1])
                {
                    let b: Int = bin[0]
                    histogram[max(0, min(bins - 1, b))] += bin[1] as Int
                }
            } else if column.type == .boolean {
                minimum = nil
                maximum = nil
            }
            if !column.type.isNumeric {
                top = try Row.fetchAll(
                    db,
                    sql: "SELECT \(c), COUNT(*) AS n FROM \(t) WHERE \(c) IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT \(topCount)"
                ).map { ColumnProfile.ValueCount(value: text($0[0], column.type), count: $0[1]) }
            }
            return ColumnProfile(
                label: column.label, type: column.type, nonNullCount: nonNull, distinctCount: row[1], minimum: minimum, maximum: maximum,
                mean: mean, topValues: top, histogram: histogram)
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
