import Foundation
import MokminCore
import MokminGeo
import MokminIngest
import MokminStore

/// Imports a file into the catalog: reads it twice (streaming), first to infer each column's type, then to convert
/// and store every row inside the publishing transaction. Nothing is half-imported: when rows are rejected and the
/// analyst did not choose to skip them, or anything fails, the transaction rolls back and the catalog is as it was.
public struct ImportService: Sendable {
    public let datasets: any DatasetRepository
    public let regions: RegionService

    public init(datasets: any DatasetRepository, regions: RegionService) {
        self.datasets = datasets
        self.regions = regions
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
    public func analyze(_ request: Request) throws -> ImportPlan {
        var reader = try Readers.open(request.file, options: request.options)
        let registry = regions.registry
        var inference = TypeInference(header: reader.header) { code in registry.lookup(code: code) != nil }
        var rows = 0
        while let row = try reader.next() {
            inference.observe(row)
            rows += 1
        }
        var columns = inference.result()
        for (label, type) in request.typeOverrides {
            guard let i = columns.firstIndex(where: { $0.name == label }) else {
                throw MokminError(
                    .invalidInput, ko: "'\(label)' 열이 파일에 없습니다 (있는 열: \(columns.map(\.name).joined(separator: ", ")))",
                    en: "The file has no column '\(label)' (columns: \(columns.map(\.name).joined(separator: ", ")))")
            }
            columns[i].type = type
        }
        return ImportPlan(
            fileName: request.fileName, format: request.options.format, encoding: reader.encoding, header: reader.header, columns: columns,
            rowsRead: rows, readIssues: reader.issues)
    }

    /// Imports and, when every row is good (or `skipBadRows`), publishes a new version.
    /// Returns the report and the version, or the report alone when rows were rejected and nothing was published.
    public func run(_ request: Request) async throws -> ImportOutcome {
        let plan = try analyze(request)
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
                var reader = try Readers.open(request.file, options: request.options)
                let linker = RegionLinker(columns: columns, registry: registry)
                var report = ImportReport(plan: plan)
                rows: while let row = try reader.next() {
                    var values: [TypedValue] = []
                    values.reserveCapacity(columns.count)
                    for (i, column) in columns.enumerated() {
                        let raw = i < row.fields.count ? row.fields[i] : nil
                        switch ValueParser.parse(raw, as: column.type) {
                        case .success(let value): values.append(value)
                        case .failure(let reason):
                            report.reject(RowIssue(line: row.line, column: column.label, value: raw, reason: reason))
                            continue rows
                        }
                    }
                    let region = linker.region(values: values, geometry: row.geometry)
                    report.link(region: region, attempted: linker.isActive || row.geometry != nil)
                    try writer.append(values, line: row.line, region: region, geometry: row.geometry.map(GeometryJSON.encode))
                    report.published += 1
                }
                for issue in reader.issues { report.reject(issue) }
                collector.report = report
                if report.rejected > 0 && !request.skipBadRows { throw RejectedRows() }
                return report.json
            }
            var report = collector.report!
            report.published = published.rowCount
            return ImportOutcome(report: report, version: published)
        } catch is RejectedRows {
            var report = collector.report!
            report.published = 0
            return ImportOutcome(report: report, version: nil)
        }
    }

    private struct RejectedRows: Error {}
}

/// Carries the report out of the publishing closure.
private final class ReportCollector: @unchecked Sendable {
    var report: ImportReport?
}

/// The result of the type-inference pass.
public struct ImportPlan: Sendable {
    public var fileName: String
    public var format: SourceFormat
    public var encoding: TextEncoding
    public var header: [String]
    public var columns: [InferredColumn]
    public var rowsRead: Int
    public var readIssues: [RowIssue]
}

/// What an import did: kept with the version (as JSON) and shown to the analyst.
public struct ImportOutcome: Sendable {
    public var report: ImportReport
    /// The published version, or nil when rows were rejected and nothing was published.
    public var version: DatasetVersion?
}
