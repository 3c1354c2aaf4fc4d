
/// A catalog search: words, facet filters, sort and paging.
public struct CatalogQuery: Sendable, Hashable {
    /// Words to find (each must appear, as a substring, in the title, description, tags, column names or
    /// organization; case is ignored). Korean words of two syllables work like any other.
    public var text: String
    public var organization: String?
    public var tags: [String]
    public var format: String?
    public var license: String?
    /// Internal datasets are included only for signed-in officials.
    public var includeInternal: Bool
    public var sort: Sort
    public var offset: Int
    public var limit: Int

    public enum Sort: String, Sendable, Hashable {
        /// Best match first (title hits weigh most, then tags, column names, organization, description).
        case relevance
        case titleAscending
        case updatedDescending
    }

    public init(
        text: String = "", organization: String? = nil, tags: [String] = [], format: String? = nil, license: String? = nil,
        includeInternal: Bool = false, sort: Sort = .relevance, offset: Int = 0, limit: Int = 20
    ) {
        self.text = text
        self.organization = organization
        self.tags = tags
        self.format = format
        self.license = license
        self.includeInternal = includeInternal
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }
}

/// One page of catalog results with the facet counts over all matches.
public struct CatalogPage: Sendable {
    public var total: Int
    public var results: [DatasetRecord]
    public var facets: [String: [(name: String, count: Int)]]

    public init(total: Int, results: [DatasetRecord], facets: [String: [(name: String, count: Int)]]) {
        self.total = total
        self.results = results
        self.facets = facets
    }
}

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

/// Rows of a version: values as JSON-ready scalars, in the order of `columns`.
public struct RowPage: Sendable {
    public var columns: [DatasetColumn]
    public var rows: [[TypedValue]]
    /// The 읍면동 code derived on import, per row (nil where none matched).
    public var regions: [String?]
    public var total: Int?
    /// An index that would answer this query without sorting the matching rows, when the version has none yet
    /// (see ``DatasetRepository/createSortIndex(_:)``).
    public var suggestedIndex: SortIndex?

    public init(columns: [DatasetColumn], rows: [[TypedValue]], regions: [String?], total: Int? = nil, suggestedIndex: SortIndex? = nil) {
        self.columns = columns
        self.rows = rows
        self.regions = regions
        self.total = total
        self.suggestedIndex = suggestedIndex
    }
}

/// An index on a version's table that serves a filter-and-sort query: the equality-filtered columns, then the
/// sort columns in their directions.
public struct SortIndex: Sendable, Hashable, CustomStringConvertible {
    public var tableName: String
    /// Generated SQL column names (never user input) with their directions.
    public var columns: [(sqlName: String, descending: Bool)]

    public init(tableName: String, columns: [(sqlName: String, descending: Bool)]) {
        self.tableName = tableName
        self.columns = columns
    }

    /// `<table>_by_<column>[_d]…`, so that the index is found by name.
    public var name: String {
        tableName + "_by_" + columns.map { $0.sqlName + ($0.descending ? "_d" : "") }.joined(separator: "_")
    }

    public var description: String { name }

    public static func == (a: SortIndex, b: SortIndex) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
