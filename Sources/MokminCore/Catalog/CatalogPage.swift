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
