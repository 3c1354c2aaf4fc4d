import Foundation

/// A column of a stored dataset version.
public struct DatasetColumn: Sendable, Hashable, Codable {
    /// The column's name as the file wrote it (shown to people).
    public var label: String
    /// The generated SQL identifier (`c1`, `c2`, …): never taken from the file.
    public var sqlName: String
    public var type: ColumnType
    public var nullCount: Int

    public init(label: String, sqlName: String, type: ColumnType, nullCount: Int) {
        self.label = label
        self.sqlName = sqlName
        self.type = type
        self.nullCount = nullCount
    }
}
