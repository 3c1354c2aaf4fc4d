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
