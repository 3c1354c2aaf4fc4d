import Foundation
import MokminCore

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
    /// Sums up a version's rows as `query` asks (checked against the version's columns first): what computed plan
    /// indicators and dashboard charts read.
    func aggregate(_ query: AggregateQuery, of version: DatasetVersion) async throws -> AggregateResult
    /// How many rows each derived 읍면동 holds.
    func regionCounts(of version: DatasetVersion) async throws -> [String: Int]
}
