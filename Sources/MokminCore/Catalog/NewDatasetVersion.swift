import Foundation

/// What the importer hands over for a new version.
public struct NewDatasetVersion: Sendable {
    public var fileName: String
    public var format: String
    public var encoding: String
    public var columns: [DatasetColumn]
    public var report: String
    public var createdBy: String?
    /// Start from a copy of the newest version's rows and add to them (a harvest); the columns must be the same.
    /// When no row is added, `publish` throws `DatasetUnchanged` and writes nothing.
    public var appendToLatest: Bool
    /// Column labels whose values identify a row: a row whose key is already present is skipped, never duplicated.
    /// (Rows with a missing key value are always added: SQL compares no NULL equal.)
    public var uniqueKey: [String]

    public init(
        fileName: String, format: String, encoding: String, columns: [DatasetColumn], report: String, createdBy: String?,
        appendToLatest: Bool = false, uniqueKey: [String] = []
    ) {
        self.fileName = fileName
        self.format = format
        self.encoding = encoding
        self.columns = columns
        self.report = report
        self.createdBy = createdBy
        self.appendToLatest = appendToLatest
        self.uniqueKey = uniqueKey
    }
}
