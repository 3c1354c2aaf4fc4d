import Foundation

/// One published version of a dataset: a real table with typed columns.
public struct DatasetVersion: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var datasetID: Int64
    public var number: Int
    /// The generated table name (`ds_<dataset>_v<number>`): never taken from user input.
    public var tableName: String
    public var fileName: String
    public var format: String
    public var encoding: String
    public var rowCount: Int
    public var columns: [DatasetColumn]
    /// The import report kept with the version (rejected rows and counts), as JSON.
    public var report: String
    /// Per-column statistics computed when the version was published.
    public var profile: [ColumnProfile]
    /// Compared with the version before: rows present now but not then, and the reverse (nil for the first version
    /// or when the columns changed).
    public var rowsAdded: Int?
    public var rowsRemoved: Int?
    public var createdAt: Date
    public var createdBy: String?

    public init(id: Int64, datasetID: Int64, number: Int, tableName: String, fileName: String, format: String, encoding: String, rowCount: Int, columns: [DatasetColumn], report: String, profile: [ColumnProfile], rowsAdded: Int? = nil, rowsRemoved: Int? = nil, createdAt: Date, createdBy: String? = nil) {
        self.id = id
        self.datasetID = datasetID
        self.number = number
        self.tableName = tableName
        self.fileName = fileName
        self.format = format
        self.encoding = encoding
        self.rowCount = rowCount
        self.columns = columns
        self.report = report
        self.profile = profile
        self.rowsAdded = rowsAdded
        self.rowsRemoved = rowsRemoved
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
