import GRDB
import MokminCore

/// Profiles a version's stored rows (inside the publishing transaction) when no profile streamed in with them: a
/// harvest that adds to the previous rows, or rows where duplicates were skipped. One scan feeds a
/// ``ColumnProfileBuilder``; a second scan of the numeric columns bins their histograms once their range is known.
enum StoredRowsProfiler {
    static func profile(_ db: Database, table: String, columns: [DatasetColumn]) throws -> [ColumnProfile] {
        var builder = ColumnProfileBuilder(columns: columns.map { (label: $0.label, type: $0.type) })
        guard !columns.isEmpty else { return [] }
        let list = try columns.map { try SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
        let sql = "SELECT \(list) FROM \(try SQLIdentifier.quoted(table))"
        let rows = try Row.fetchCursor(db, sql: sql)
        var values: [TypedValue] = []
        values.reserveCapacity(columns.count)
        while let row = try rows.next() {
            values.removeAll(keepingCapacity: true)
            for (i, column) in columns.enumerated() { values.append(TypedValue(row[i] as DatabaseValue, as: column.type)) }
            builder.add(row: values)
        }
        let needing = builder.columnsNeedingHistogramPass
        if !needing.isEmpty {
            builder.prepareHistogramPass()
            let numeric = try needing.map { try SQLIdentifier.quoted(columns[$0].sqlName) }.joined(separator: ", ")
            let again = try Row.fetchCursor(db, sql: "SELECT \(numeric) FROM \(try SQLIdentifier.quoted(table))")
            while let row = try again.next() {
                for (position, column) in needing.enumerated() {
                    if let number = row[position] as Double? { builder.addHistogramValue(number, column: column) }
                }
            }
        }
        return builder.profiles()
    }
}
