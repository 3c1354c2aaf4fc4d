import Foundation
import MokminCore
import MokminStore

/// The catalog as people and CKAN clients read it: visibility rules applied in one place.
public struct CatalogService: Sendable {
    let datasets: any DatasetRepository
    /// Builds the indexes that sorted row queries suggest (nil: none are built, e.g. in command-line use).
    public let sortIndexes: SortIndexBuilder?

    public init(datasets: any DatasetRepository, sortIndexes: SortIndexBuilder? = nil) {
        self.datasets = datasets
        self.sortIndexes = sortIndexes
    }

    /// Rows an anonymous reader gets at most per page, and the seconds an anonymous query may run.
    public static let anonymousRowLimit = 1_000
    public static let anonymousTimeLimit = 3.0
    /// The seconds a signed-in reader's query may run.
    public static let signedInTimeLimit = 20.0

    /// Rows of a version (see ``DatasetRepository/rows(of:query:)``), bounded for who is asking: an anonymous reader
    /// gets at most ``anonymousRowLimit`` rows a page and ``anonymousTimeLimit`` seconds of query. An index the
    /// query would have needed is handed to ``sortIndexes`` to build in the background, for signed-in readers only
    /// (an anonymous visitor cannot queue work on the single writer).
    public func rows(of version: DatasetVersion, query: RowQuery, for principal: Principal?) async throws -> RowPage {
        var query = query
        query.offset = min(max(0, query.offset), RowQuery.maxOffset)
        query.limit = min(max(0, query.limit), principal == nil ? Self.anonymousRowLimit : RowQuery.maxLimit)
        query.timeLimit = principal == nil ? Self.anonymousTimeLimit : Self.signedInTimeLimit
        let page = try await datasets.rows(of: version, query: query)
        if principal != nil, let index = page.suggestedIndex { sortIndexes?.request(index) }
        return page
    }

    /// Whether `principal` may read internal datasets: any signed-in official (not a display token).
    public static func mayReadInternal(_ principal: Principal?) -> Bool {
        guard let principal else { return false }
        return !principal.isDisplayOnly
    }

    /// The dataset named by its slug (or `ds-<id>`), if it exists and the reader may see it; a hidden internal
    /// dataset answers exactly like a missing one.
    public func dataset(_ name: String, for principal: Principal?) async throws -> DatasetRecord? {
        var record = try await datasets.dataset(slug: name)
        if record == nil, name.hasPrefix("ds-"), let id = Int64(name.dropFirst(3)) { record = try await datasets.dataset(id: id) }
        guard let record, record.metadata.visibility == .public || Self.mayReadInternal(principal) else { return nil }
        return record
    }

    /// A version named `res-<id>` (or a dataset's slug: its newest version), with its dataset, if visible.
    public func version(_ name: String, for principal: Principal?) async throws -> (DatasetRecord, DatasetVersion)? {
        if name.hasPrefix("res-"), let id = Int64(name.dropFirst(4)), let version = try await datasets.version(id: id),
            let record = try await datasets.dataset(id: version.datasetID),
            record.metadata.visibility == .public || Self.mayReadInternal(principal)
        {
            return (record, version)
        }
        if let record = try await dataset(name, for: principal), let latest = record.latest { return (record, latest) }
        return nil
    }

    public func search(_ query: CatalogQuery, for principal: Principal?) async throws -> CatalogPage {
        var query = query
        query.includeInternal = Self.mayReadInternal(principal)
        return try await datasets.search(query)
    }

    /// The versions of a dataset the reader already holds (found through ``dataset(_:for:)``), newest first.
    public func versions(of record: DatasetRecord) async throws -> [DatasetVersion] {
        try await datasets.versions(datasetID: record.id)
    }

    /// The tags of the datasets `principal` may read, with how many datasets carry each.
    public func tags(for principal: Principal?) async throws -> [(name: String, count: Int)] {
        try await datasets.tags(includeInternal: Self.mayReadInternal(principal))
    }

    /// The organizations of the datasets `principal` may read, with how many datasets each publishes.
    public func organizations(for principal: Principal?) async throws -> [(name: String, count: Int)] {
        try await datasets.organizations(includeInternal: Self.mayReadInternal(principal))
    }

    /// How many rows of a version are linked to each region code (for the dataset page's map).
    public func regionCounts(of version: DatasetVersion) async throws -> [String: Int] {
        try await datasets.regionCounts(of: version)
    }

    /// Answers an aggregate query over a version the caller already holds (see
    /// ``DatasetRepository/aggregate(_:of:)``): what a plan indicator and a dashboard chart compute.
    public func aggregate(_ query: AggregateQuery, of version: DatasetVersion) async throws -> AggregateResult {
        try await datasets.aggregate(query, of: version)
    }

    /// The stored metadata of a dataset, whatever its visibility: for an analyst about to re-import or edit it.
    public func metadata(slug: String) async throws -> DatasetMetadata? {
        try await datasets.dataset(slug: slug)?.metadata
    }

    /// Saves edited metadata (the repository checks it by ``DatasetRules``), with its audit entry.
    public func updateMetadata(_ metadata: DatasetMetadata, actor: String?) async throws {
        try await datasets.updateMetadata(metadata, audit: AuditEvent(actor: actor, action: "dataset.metadata", target: metadata.slug))
    }

    /// Consecutive rows of a version after `afterRow`, for streaming a whole version out (downloads).
    public func rowChunk(of version: DatasetVersion, afterRow: Int64, limit: Int) async throws -> RowChunk {
        try await datasets.rowChunk(of: version, afterRow: afterRow, limit: limit)
    }
}
