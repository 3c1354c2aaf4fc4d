import Foundation
import MokminBase
import MokminCore

/// The result of the type-inference pass.
public struct ImportPlan: Sendable, Codable {
    public var fileName: String
    public var format: SourceFormat
    public var encoding: TextEncoding
    public var header: [String]
    public var columns: [InferredColumn]
    public var rowsRead: Int
    public var readIssues: [RowIssue]

    public init(
        fileName: String, format: SourceFormat, encoding: TextEncoding, header: [String], columns: [InferredColumn], rowsRead: Int,
        readIssues: [RowIssue]
    ) {
        self.fileName = fileName
        self.format = format
        self.encoding = encoding
        self.header = header
        self.columns = columns
        self.rowsRead = rowsRead
        self.readIssues = readIssues
    }

    /// The first pass of an import: reads the whole file (blocking the calling thread; call it on a thread of its
    /// own), infers each column's type and applies the analyst's `typeOverrides` (column label → type).
    public static func analyze(
        _ file: URL, fileName: String, options: ReaderOptions, typeOverrides: [String: ColumnType] = [:], registry: RegionRegistry
    ) throws -> ImportPlan {
        let reader = try Readers.open(file, options: options)
        var inference = TypeInference(header: reader.header) { code in registry.lookup(code: code) != nil }
        var rows = 0
        let prefetcher = RowPrefetcher(reader)
        defer { prefetcher.stop() }
        while let batch = try prefetcher.next() {
            for row in batch { inference.observe(row) }
            rows += batch.count
        }
        prefetcher.stop()
        let plan = ImportPlan(
            fileName: fileName, format: options.format, encoding: reader.encoding, header: reader.header, columns: inference.result(),
            rowsRead: rows, readIssues: reader.issues)
        return try plan.applying(typeOverrides)
    }

    /// The plan with the analyst's choice of types (column label → type); an unknown label is refused.
    public func applying(_ typeOverrides: [String: ColumnType]) throws -> ImportPlan {
        var plan = self
        for (label, type) in typeOverrides.sorted(by: { $0.key < $1.key }) {
            guard let i = plan.columns.firstIndex(where: { $0.name == label }) else {
                throw MokminError(
                    .invalidInput, ko: "'\(label)' 열이 파일에 없습니다 (있는 열: \(columns.map(\.name).joined(separator: ", ")))",
                    en: "The file has no column '\(label)' (columns: \(columns.map(\.name).joined(separator: ", ")))")
            }
            plan.columns[i].type = type
        }
        return plan
    }
}
