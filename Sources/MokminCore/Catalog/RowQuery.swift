/// A query over a version's rows, as the preview table and `datastore_search` ask it.
public struct RowQuery: Sendable {
    /// Exact matches: column label → value (compared as text).
    public var filters: [String: String]
    /// A substring anywhere in the row's text columns.
    public var text: String?
    /// Column label and direction.
    public var sort: [(column: String, descending: Bool)]
    /// Column labels to return (all when empty).
    public var fields: [String]
    public var offset: Int
    public var limit: Int
    public var includeTotal: Bool
    /// A sorted query on a version with at least this many rows and no index that serves it gets an index
    /// suggestion in its page (``RowPage/suggestedIndex``).
    public var indexSuggestionMinimumRows = 20_000
    /// Seconds the query may run before SQLite interrupts it (nil: no limit), so that one expensive search cannot
    /// hold a reader for long.
    public var timeLimit: Double?

    /// The deepest offset any reader may ask for: past it, download the version or filter.
    public static let maxOffset = 10_000_000
    /// The most rows one page holds.
    public static let maxLimit = 32_000

    public init(
        filters: [String: String] = [:], text: String? = nil, sort: [(column: String, descending: Bool)] = [], fields: [String] = [],
        offset: Int = 0, limit: Int = 100, includeTotal: Bool = true
    ) {
        self.filters = filters
        self.text = text
        self.sort = sort
        self.fields = fields
        self.offset = offset
        self.limit = limit
        self.includeTotal = includeTotal
    }
}
