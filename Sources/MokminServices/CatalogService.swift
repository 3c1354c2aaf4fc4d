import Foundation
import MokminCore
import MokminStore

/// The catalog as people and CKAN clients read it: visibility rules applied in one place.
public struct CatalogService: Sendable {
    public let datasets: any DatasetRepository
    /// Builds the indexes that sorted row queries suggest (nil: none are built, e.g. in command-line use).
    public let sortIndexes: SortIndexBuilder?

    public init(datasets: any DatasetRepository, sortIndexes: SortIndexBuilder? = nil) {
        self.datasets = datasets
        self.sortIndexes = sortIndexes
    }

    /// Rows of a version (see ``DatasetRepository/rows(of:query:)``); an index the query would have needed is
    /// handed to ``sortIndexes`` to build in the background.
    public func rows(of version: DatasetVersion, query: RowQuery) async throws -> RowPage {
        let page = try await datasets.rows(of: version, query: query)
        if let index = page.suggestedIndex { sortIndexes?.request(index) }
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
}
