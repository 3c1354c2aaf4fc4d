import Foundation
import MokminCore

/// Receives the rows of a new version. They go into a staging table that nothing references yet, a few thousand rows
/// per short write transaction, so that other writers (sign-ins, feed readings, alerts) never wait long for SQLite's
/// one writer; the version becomes visible only when ``DatasetRepository/publish(_:version:audit:rows:)`` records it.
public protocol DatasetRowWriter {
    /// Appends one row: values aligned to the version's columns, the source line, the derived 읍면동 code and the
    /// geometry as GeoJSON text. (The values are copied; ``append(_:)`` takes a whole batch without copying.)
    mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws
    /// Appends a batch of rows. The batch is kept, not copied, until its rows are stored: it may be stored at once
    /// (with the batches before it) or with the next ones.
    mutating func append(_ batch: DatasetRowBatch) throws
    /// The column profile of the appended rows, computed while they streamed in. Without it the store computes
    /// the profile from the stored rows; the store also does so when rows may have been skipped as duplicates
    /// or added to the previous version's (the given profile would not describe the table).
    mutating func useProfile(_ profile: [ColumnProfile])
}

extension DatasetRowWriter {
    /// Appends one row given as an array (see ``append(_:line:region:geometry:)``).
    public mutating func append(_ values: [TypedValue], line: Int, region: String?, geometry: String?) throws {
        try append(values[...], line: line, region: region, geometry: geometry)
    }
}
