import Foundation
import MokminCore
import MokminStore
import Synchronization

/// A dataset repository that forwards everything to another and tells when an import has handed its first rows to
/// the store (so a test can act "in the middle of an import", whatever the store does with the rows).
///
/// With `holdingAfterFirstBatch`, the import stops after its first batch until `release()` (or a minute has passed),
/// so the middle of the import lasts as long as the test needs, however fast or loaded the machine is.
final class ObservedDatasetRepository: DatasetRepository {
    let inner: any DatasetRepository
    private let rowsHandedOver = Mutex(0)
    private let hold: DispatchSemaphore?

    init(_ inner: any DatasetRepository, holdingAfterFirstBatch: Bool = false) {
        self.inner = inner
        self.hold = holdingAfterFirstBatch ? DispatchSemaphore(value: 0) : nil
    }

    /// Lets a held import go on.
    func release() { hold?.signal() }

    /// Called on the import's own thread after rows were handed over: the first time, waits for `release()`.
    fileprivate func handedOver(_ count: Int) {
        let first = rowsHandedOver.withLock { seen in
            defer { seen += count }
            return seen == 0
        }
        if first, let hold { _ = hold.wait(timeout: .now() + 60) }
    }

    /// Rows handed to the store so far by the imports through this repository.
    var rowsSeen: Int { rowsHandedOver.withLock { $0 } }

    func publish(
        _ metadata: DatasetMetadata, version: NewDatasetVersion, audit: AuditEvent,
        rows: @escaping @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> DatasetVersion {
        try await inner.publish(metadata, version: version, audit: audit) { [self] writer in
            var observed: any DatasetRowWriter = Writer(inner: writer, owner: self)
            let report = try rows(&observed)
            writer = (observed as! Writer).inner
            return report
        }
    }

    private struct Writer: DatasetRowWriter {
        var inner: any DatasetRowWriter
        let owner: ObservedDatasetRepository

        mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws {
            try inner.append(values, line: line, region: region, geometry: geometry)
            owner.handedOver(1)
        }

        mutating func append(_ batch: DatasetRowBatch) throws {
            try inner.append(batch)
            owner.handedOver(batch.count)
        }

        mutating func useProfile(_ profile: [ColumnProfile]) { inner.useProfile(profile) }
    }

    func updateMetadata(_ metadata: DatasetMetadata, audit: AuditEvent) async throws { try await inner.updateMetadata(metadata, audit: audit) }
    func dataset(slug: String) async throws -> DatasetRecord? { try await inner.dataset(slug: slug) }
    func dataset(id: Int64) async throws -> DatasetRecord? { try await inner.dataset(id: id) }
    func versions(datasetID: Int64) async throws -> [DatasetVersion] { try await inner.versions(datasetID: datasetID) }
    func version(id: Int64) async throws -> DatasetVersion? { try await inner.version(id: id) }
    func search(_ query: CatalogQuery) async throws -> CatalogPage { try await inner.search(query) }
    func rows(of version: DatasetVersion, query: RowQuery) async throws -> RowPage { try await inner.rows(of: version, query: query) }
    func createSortIndex(_ index: SortIndex, limit: Int) async throws -> Bool { try await inner.createSortIndex(index, limit: limit) }
    func organizations(includeInternal: Bool) async throws -> [(name: String, count: Int)] {
        try await inner.organizations(includeInternal: includeInternal)
    }
    func tags(includeInternal: Bool) async throws -> [(name: String, count: Int)] { try await inner.tags(includeInternal: includeInternal) }
    func count() async throws -> Int { try await inner.count() }
    func rowChunk(of version: DatasetVersion, afterRow: Int64, limit: Int) async throws -> RowChunk {
        try await inner.rowChunk(of: version, afterRow: afterRow, limit: limit)
    }
    func regionCounts(of version: DatasetVersion) async throws -> [String: Int] { try await inner.regionCounts(of: version) }
    func aggregate(_ query: AggregateQuery, of version: DatasetVersion) async throws -> AggregateResult { try await inner.aggregate(query, of: version) }
}
