import Foundation

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
