import MokminCore

/// Told when a new version of a dataset has been published (an import, an upload or a harvest), after the publishing
/// transaction: what depends on the data (computed plan indicators) follows it.
public protocol DatasetPublishObserver: Sendable {
    func published(_ version: DatasetVersion, of slug: String) async
}
