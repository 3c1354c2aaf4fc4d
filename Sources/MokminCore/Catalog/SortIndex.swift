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
