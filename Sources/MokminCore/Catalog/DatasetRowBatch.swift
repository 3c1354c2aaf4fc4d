
/// Rows of a new version, stored one after another: what an importer hands to ``DatasetRowWriter`` a batch at a time,
/// so that the rows reach SQLite without being copied on the way.
public struct DatasetRowBatch: Sendable {
    public let columnCount: Int
    /// The rows' values, one row after another (`columnCount` each).
    public var values: [TypedValue] = []
    /// Each row's line in the source file.
    public var lines: [Int] = []
    /// Each row's derived 읍면동 code.
    public var regions: [String?] = []
    /// Each row's geometry as GeoJSON text.
    public var geometries: [String?] = []

    public var count: Int { lines.count }

    public init(columnCount: Int, capacity: Int = 0) {
        self.columnCount = columnCount
        values.reserveCapacity(columnCount * capacity)
        lines.reserveCapacity(capacity)
        regions.reserveCapacity(capacity)
        geometries.reserveCapacity(capacity)
    }

    /// The values of row `index` (a slice: nothing is copied).
    public func row(_ index: Int) -> ArraySlice<TypedValue> {
        values[(index * columnCount)..<((index + 1) * columnCount)]
    }

    /// Adds one row at the end.
    public mutating func append(_ rowValues: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) {
        values.append(contentsOf: rowValues)
        lines.append(line)
        regions.append(region)
        geometries.append(geometry)
    }
}
