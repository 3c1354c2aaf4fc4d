import Foundation

/// A dataset as the catalog lists it: its metadata and its newest version.
public struct DatasetRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var metadata: DatasetMetadata
    public var createdAt: Date
    public var updatedAt: Date
    public var latest: DatasetVersion?

    public init(id: Int64, metadata: DatasetMetadata, createdAt: Date, updatedAt: Date, latest: DatasetVersion? = nil) {
        self.id = id
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.latest = latest
    }
}

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

/// Thrown by `publish` when `appendToLatest` added no row: nothing is written, no version is made.
public struct DatasetUnchanged: Error, Sendable {
    public init() {}
}

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

/// A run of consecutive rows, for streaming a whole version out.
public struct RowChunk: Sendable {
    public var rows: [[TypedValue]]
    public var regions: [String?]
    public var geometries: [String?]
    /// The last row's internal id: pass it as `afterRow` for the next chunk; nil when the chunk is empty.
    public var lastRow: Int64?

    public init(rows: [[TypedValue]], regions: [String?], geometries: [String?], lastRow: Int64? = nil) {
        self.rows = rows
        self.regions = regions
        self.geometries = geometries
        self.lastRow = lastRow
    }
}
