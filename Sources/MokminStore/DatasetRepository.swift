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

/// The data hub's store: catalog entries, their versions and the versions' rows.
public protocol DatasetRepository: Sendable {
    /// Stores a new version's rows and publishes it. `rows` runs on a thread of its own (never on the caller's
    /// async threads) and fills a staging table in short write transactions; then, with the writer free again, the
    /// row count, profile and difference from the previous version are computed on a read connection, and one short
    /// transaction creates or updates the dataset's metadata, takes the next version number, renames the staging
    /// table into place and records the version with its audit event. Until then the catalog shows nothing of it: a
    /// failure, a thrown error from `rows` or a crash leaves the catalog as it was (the staging table is dropped at
    /// once, or when the database is next opened). Two imports of one dataset at once publish consecutive versions;
    /// an `appendToLatest` import whose base version was replaced meanwhile is refused (`.conflict`).
    /// `rows` may return the import report (JSON) to keep with the version, replacing `version.report`.
    func publish(
        _ metadata: DatasetMetadata, version: NewDatasetVersion, audit: AuditEvent,
        rows: @escaping @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> DatasetVersion
    /// Updates metadata only.
    func updateMetadata(_ metadata: DatasetMetadata, audit: AuditEvent) async throws
    func dataset(slug: String) async throws -> DatasetRecord?
    func dataset(id: Int64) async throws -> DatasetRecord?
    func versions(datasetID: Int64) async throws -> [DatasetVersion]
    func version(id: Int64) async throws -> DatasetVersion?
    func search(_ query: CatalogQuery) async throws -> CatalogPage
    /// Rows of a version, filtered, sorted and paged.
    func rows(of version: DatasetVersion, query: RowQuery) async throws -> RowPage
    /// Creates `index` unless it exists or its table already has `limit` such indexes; true when it was created.
    /// Takes seconds on a large table: run it off the request path.
    func createSortIndex(_ index: SortIndex, limit: Int) async throws -> Bool
    /// Every organization with its number of visible datasets.
    func organizations(includeInternal: Bool) async throws -> [(name: String, count: Int)]
    func tags(includeInternal: Bool) async throws -> [(name: String, count: Int)]
    func count() async throws -> Int
    /// Rows after `afterRow` (keyset paging for downloads: memory stays flat whatever the size).
    func rowChunk(of version: DatasetVersion, afterRow: Int64, limit: Int) async throws -> RowChunk
    /// How many rows each derived 읍면동 holds.
    func regionCounts(of version: DatasetVersion) async throws -> [String: Int]
}
