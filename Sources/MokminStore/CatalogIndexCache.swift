import MokminCore
import Synchronization

/// The newest ``CatalogIndex`` and the catalog revision it was built from (see the `catalogRevision` table, which
/// triggers move on every change to datasets, tags and versions).
public final class CatalogIndexCache: Sendable {
    public init() {}

    private let state = Mutex<(revision: Int64, index: CatalogIndex)?>(nil)

    /// The index for `revision`: the cached one when it was built from that revision, else one built by `entries`
    /// (and kept, unless a newer revision was cached meanwhile).
    public func index(revision: Int64, entries: () throws -> [CatalogIndex.Entry]) rethrows -> CatalogIndex {
        if let cached = cached(revision: revision) { return cached }
        return store(CatalogIndex(entries: try entries()), revision: revision)
    }

    /// The cached index when it was built from `revision`.
    public func cached(revision: Int64) -> CatalogIndex? {
        guard let cached = state.withLock({ $0 }), cached.revision == revision else { return nil }
        return cached.index
    }

    /// Keeps `index`, built from `revision`, unless a newer revision was cached meanwhile; returns it.
    @discardableResult
    public func store(_ index: CatalogIndex, revision: Int64) -> CatalogIndex {
        state.withLock { current in
            if current == nil || current!.revision <= revision { current = (revision, index) }
        }
        return index
    }
}
