import MokminCore
import Synchronization

/// The newest ``CatalogIndex`` and the catalog revision it was built from (see the `catalogRevision` table, which
/// triggers move on every change to datasets, tags and versions).
final class CatalogIndexCache: Sendable {
    private let state = Mutex<(revision: Int64, index: CatalogIndex)?>(nil)

    /// The index for `revision`: the cached one when it was built from that revision, else one built by `entries`
    /// (and kept, unless a newer revision was cached meanwhile).
    func index(revision: Int64, entries: () throws -> [CatalogIndex.Entry]) rethrows -> CatalogIndex {
        if let cached = state.withLock({ $0 }), cached.revision == revision { return cached.index }
        let index = CatalogIndex(entries: try entries())
        state.withLock { current in
            if current == nil || current!.revision <= revision { current = (revision, index) }
        }
        return index
    }
}
