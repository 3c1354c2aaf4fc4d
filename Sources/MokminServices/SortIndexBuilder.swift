import Foundation
import Logging
import MokminCore
import MokminStore
import ServiceLifecycle
import Synchronization

/// Builds the indexes that sorted previews and `datastore_search` ask for, one at a time, off the request path.
///
/// The first query that filters and sorts a large version the way no index serves is answered by sorting (and
/// suggests an index, ``RowPage/suggestedIndex``); this service then creates that index, so that the same kind of
/// query afterwards reads only the rows it returns. A table gets at most ``limit`` such indexes.
public final class SortIndexBuilder: Service, Sendable {
    private let datasets: any DatasetRepository
    private let logger: Logger
    public let limit: Int
    private let requests: AsyncStream<SortIndex>
    private let continuation: AsyncStream<SortIndex>.Continuation
    /// Indexes asked for and not yet tried (so that a burst of identical queries asks once).
    private let pending = Mutex<Set<SortIndex>>([])

    public init(datasets: any DatasetRepository, limit: Int = 8, logger: Logger = Logger(label: "mokmin.sort-indexes")) {
        self.datasets = datasets
        self.limit = limit
        self.logger = logger
        (requests, continuation) = AsyncStream<SortIndex>.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    /// Asks for `index` (ignored when it is already waiting).
    public func request(_ index: SortIndex) {
        let isNew = pending.withLock { $0.insert(index).inserted }
        if isNew { continuation.yield(index) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            for await index in self.requests {
                let start = ContinuousClock.now
                do {
                    if try await self.datasets.createSortIndex(index, limit: self.limit) {
                        self.logger.info("created a sort index", metadata: ["index": "\(index.name)", "took": "\(ContinuousClock.now - start)"])
                    }
                } catch {
                    self.logger.warning("could not create a sort index", metadata: ["index": "\(index.name)", "error": "\(error)"])
                }
                _ = self.pending.withLock { $0.remove(index) }
            }
        }
    }
}
