/// What a feed parser read: the items it could read, and an issue for each item (or value) it could not.
///
/// A bad item never sinks the batch: it is left out of ``items`` and described in ``issues``.
public struct FeedParseResult<Item: Sendable>: Sendable {
    public var items: [Item]
    public var issues: [FeedIssue]

    public init(items: [Item] = [], issues: [FeedIssue] = []) {
        self.items = items
        self.issues = issues
    }
}

extension FeedParseResult: Equatable where Item: Equatable {}
extension FeedParseResult: Hashable where Item: Hashable {}
