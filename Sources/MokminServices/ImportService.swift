import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Imports a file into the catalog: reads it twice (streaming), first to infer each column's type, then to convert
/// and store every row (``DatasetRepository/publish(_:version:audit:rows:)``: short write transactions into a staging
/// table, then one short publishing transaction). Both passes run on threads of their own, never on Swift's
/// cooperative threads. Nothing is half-imported: when rows are rejected and the analyst did not choose to skip
/// them, or anything fails, the staged rows are dropped and the catalog is as it was.
public struct ImportService: Sendable {
    let datasets: any DatasetRepository
    public let regions: RegionService
    /// Told of every version this service publishes (imports, uploads and harvests all come through here).
    let observers: [any DatasetPublishObserver]

    public init(datasets: any DatasetRepository, regions: RegionService, observers: [any DatasetPublishObserver] = []) {
        self.datasets = datasets
        self.regions = regions
        self.observers = observers
    }

    /// What to import and how.
    public struct Request: Sendable {
        public var file: URL
        /// The name shown in reports and versions (the uploaded file's name).
        public var fileName: String
        public var metadata: DatasetMetadata
        public var options: ReaderOptions
        /// Column label → type, replacing the inferred type.
        public var typeOverrides: [String: ColumnType]
        /// Publish the good rows when some are rejected (the report is kept with the version).
        public var skipBadRows: Bool
        public var actor: String?
        /// Add to the newest version's rows instead of replacing them (harvests); the columns must stay the same.
        public var appendToLatest = false
        /// Column labels identifying a row: rows whose key is already stored are not added again.
        public var uniqueKey: [String] = []

        public init(
            file: URL, fileName: String? = nil, metadata: DatasetMetadata, options: ReaderOptions, typeOverrides: [String: ColumnType] = [:],
            skipBadRows: Bool = false, actor: String? = nil
        ) {
            self.file = file
            self.fileName = fileName ?? file.lastPathComponent
            self.metadata = metadata
            self.options = options
            self.typeOverrides = typeOverrides
            self.skipBadRows = skipBadRows
            self.actor = actor
        }
    }

    /// The first pass alone: the columns and their inferred types, for the analyst to review before publishing.
    /// Reads the whole file on a thread of its own.
    public func analyze(_ request: Request) async throws -> ImportPlan {
        let registry = regions.registry
        return try await OwnThread.run(name: "mokmin-import-analyze") {
            try ImportPlan.analyze(
                request.file, fileName: request.fileName, options: request.options, typeOverrides: request.typeOverrides, registry: registry)
        }
    }

    /// Imports and, when every row is good (or `skipBadRows`), publishes a new version.
    /// Returns the report and the version, or the report alone when rows were rejected and nothing was published.
    ///
    /// `analyzed` is the first pass's plan when the caller kept it (an upload's draft): the file is then read only
    /// once more, to store it; the request's type overrides apply to it either way.
    public func run(_ request: Request, analyzed: ImportPlan? = nil) async throws -> ImportOutcome {
        let plan: ImportPlan
        if let analyzed { plan = try analyzed.applying(request.typeOverrides) } else { plan = try await analyze(request) }
        if plan.rowsRead == 0 && plan.readIssues.isEmpty {
            throw MokminError(.invalidInput, ko: "\(request.fileName): 데이터 행이 없습니다", en: "\(request.fileName): the file has no data rows")
        }
        let columns = plan.columns.enumerated().map { i, c in
            DatasetColumn(label: c.name, sqlName: "c\(i + 1)", type: c.type, nullCount: c.nullCount)
        }
        let registry = regions.registry
        let collector = ReportCollector()
        let version = NewDatasetVersion(
            fileName: request.fileName, format: request.options.format.rawValue, encoding: plan.encoding.rawValue, columns: columns,
            report: "{}", createdBy: request.actor, appendToLatest: request.appendToLatest, uniqueKey: request.uniqueKey)
        do {
            let published = try await datasets.publish(
                request.metadata, version: version, audit: AuditEvent(actor: request.actor, action: "dataset.import", detail: request.fileName)
            ) { writer in
                let report = try Self.storeRows(request, plan: plan, columns: columns, registry: registry, into: &writer)
                collector.report = report
                if report.rejected > 0 && !request.skipBadRows { throw RejectedRows() }
                return report.json
            }
            var report = collector.report!
            report.published = published.rowCount
            for observer in observers { await observer.published(published, of: request.metadata.slug) }
            return ImportOutcome(report: report, version: published)
        } catch is RejectedRows {
            var report = collector.report!
            report.published = 0
            return ImportOutcome(report: report, version: nil)
        }
    }

    private struct RejectedRows: Error {}

    /// Distinct values counted exactly per column (about 256 KB of hashes at most); past this a column's distinct
    /// count and top values are estimates, marked as such, so that memory stays flat.
    static let exactDistinctLimit = 16_384

    /// The second pass: a reading thread converts the rows (``ImportConverter``) while this one (the store's thread)
    /// hands them to `writer` and profiles them; the profiling happens while the writer is free.
    private static func storeRows(
        _ request: Request, plan: ImportPlan, columns: [DatasetColumn], registry: RegionRegistry, into writer: inout any DatasetRowWriter
    ) throws -> ImportReport {
        let converter = ImportConverter(
            file: request.file, options: request.options, skipBadRows: request.skipBadRows, plan: plan, columns: columns, registry: registry)
        // Room for about one write transaction's worth of batches (``StagingPace``), so that the converter keeps going
        // while the store's thread holds the writer (with 8, the import took about 10 % longer: BENCHMARKS.md).
        let channel = BatchChannel<RowBatch>(capacity: 24)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            converter.run(into: channel)
            finished.signal()
        }
        thread.name = "mokmin-import-reader"
        thread.start()
        defer {
            channel.cancel()
            finished.wait()
        }
        // The column profile is kept on this side. (A third thread for it, fed the same batches, was measured and
        // gained nothing: both cores are already busy.)
        var profile = ColumnProfileBuilder(
            columns: columns.map { (label: $0.label, type: $0.type) }, histogramRanges: plan.columns.map(\.numericRange),
            exactDistinctLimit: Self.exactDistinctLimit)
        while let batch = try channel.take() {
            // The batch itself goes to the store (stored now or with the next ones), and its rows, as slices, to the
            // profile: no value is copied.
            try writer.append(batch)
            for i in 0..<batch.count { profile.add(row: batch.row(i)) }
        }
        if !profile.columnsNeedingHistogramPass.isEmpty {
            // A column's values strayed from the first pass's range (a type the analyst chose): bin them again.
            profile.prepareHistogramPass()
            try ImportConverter.histogramPass(
                request.file, options: request.options, columns: columns, needing: Set(profile.columnsNeedingHistogramPass), into: &profile)
        }
        writer.useProfile(profile.profiles())
        return converter.report
    }

}

/// Carries the report out of the publishing closure.
private final class ReportCollector: @unchecked Sendable {
    var report: ImportReport?
}
