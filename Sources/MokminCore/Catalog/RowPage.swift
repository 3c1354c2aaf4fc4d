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
