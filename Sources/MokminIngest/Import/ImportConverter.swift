import Foundation
import MokminCore
import MokminGeo

/// Rows converted and ready to store, handed from the reading thread to the storing one (and from there, without a
/// copy, to the store).
public typealias RowBatch = DatasetRowBatch

extension DatasetRowBatch {
    /// The values of the row being converted: those after the last complete row.
    var pendingValues: ArraySlice<TypedValue> { values[(count * columnCount)...] }

    /// Takes out the values appended since the last complete row (the row was rejected or will not be stored).
    mutating func dropPendingValues() {
        values.removeSubrange((count * columnCount)...)
    }

    /// Completes the row whose values were appended to `values` since the last complete row.
    mutating func completeRow(line: Int, region: String?, geometry: String?) {
        lines.append(line)
        regions.append(region)
        geometries.append(geometry)
    }
}

/// The reading half of an import's second pass: reads the file again, converts each field to its column's type,
/// links rows to regions and keeps the report, and hands the good rows over in batches while the storing thread
/// profiles and stores the previous ones (two cores, two halves).
public final class ImportConverter: @unchecked Sendable {
    static let batchSize = 1024

    private let file: URL
    private let options: ReaderOptions
    private let skipBadRows: Bool
    private let columns: [DatasetColumn]
    private let registry: RegionRegistry
    /// Complete once the channel has been finished (read it only after `take()` returned nil).
    public private(set) var report: ImportReport

    /// Converts `file` (read with `options`) into `columns`, the plan's columns with their stored names; with
    /// `skipBadRows` false, the first rejected row stops the rows from being handed over (the report goes on).
    public init(file: URL, options: ReaderOptions, skipBadRows: Bool, plan: ImportPlan, columns: [DatasetColumn], registry: RegionRegistry) {
        self.file = file
        self.options = options
        self.skipBadRows = skipBadRows
        self.columns = columns
        self.registry = registry
        report = ImportReport(plan: plan)
    }

    /// Reads every row into `channel`, then finishes it (with the reading error, if any). Stops early when the
    /// taker cancels.
    public func run(into channel: BatchChannel<RowBatch>) {
        do {
            let reader = try Readers.open(file, options: options)
            let prefetcher = RowPrefetcher(reader)
            defer { prefetcher.stop() }
            var linker = RegionLinker(columns: columns, registry: registry)
            var batch = RowBatch(columnCount: columns.count, capacity: Self.batchSize)
            while let rows = try prefetcher.next() {
                convert(rows, linker: &linker, batch: &batch)
                if batch.count >= Self.batchSize {
                    guard channel.put(batch) else { return }
                    batch = RowBatch(columnCount: columns.count, capacity: Self.batchSize)
                }
            }
            if batch.count > 0 {
                guard channel.put(batch) else { return }
            }
            prefetcher.stop()
            for issue in reader.issues { report.reject(issue) }
            channel.finish()
        } catch {
            channel.finish(throwing: error)
        }
    }

    /// Converts `rows` straight into the batch's values; a rejected row's values are taken out again.
    private func convert(_ rows: [RawRow], linker: inout RegionLinker, batch: inout RowBatch) {
        rows: for row in rows {
            for (i, column) in columns.enumerated() {
                let raw = i < row.fields.count ? row.fields[i] : nil
                switch ValueParser.parse(raw, as: column.type) {
                case .success(let value): batch.values.append(value)
                case .failure(let reason):
                    report.reject(RowIssue(line: row.line, column: column.label, value: raw, reason: reason))
                    batch.dropPendingValues()
                    continue rows
                }
            }
            let region = linker.region(values: batch.pendingValues, geometry: row.geometry)
            report.link(region: region, attempted: linker.isActive || row.geometry != nil)
            report.published += 1
            // Once a row is rejected and bad rows are not to be skipped, nothing will be published: read on
            // for the report only.
            guard report.rejected == 0 || skipBadRows else {
                batch.dropPendingValues()
                continue
            }
            batch.completeRow(line: row.line, region: region, geometry: row.geometry.map(GeometryJSON.encode))
        }
    }

    /// Reads the file once more, feeding the numeric values of `needing` columns to the histograms.
    public static func histogramPass(
        _ file: URL, options: ReaderOptions, columns: [DatasetColumn], needing: Set<Int>, into profile: inout ColumnProfileBuilder
    ) throws {
        var reader = try Readers.open(file, options: options)
        rows: while let row = try reader.next() {
            var numbers: [(Int, Double)] = []
            for (i, column) in columns.enumerated() {
                let raw = i < row.fields.count ? row.fields[i] : nil
                guard case .success(let value) = ValueParser.parse(raw, as: column.type) else { continue rows }
                if needing.contains(i), let number = RegionLinker.number(value) { numbers.append((i, number)) }
            }
            for (i, number) in numbers { profile.addHistogramValue(number, column: i) }
        }
    }
}
