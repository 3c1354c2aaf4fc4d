import MokminCore

extension SortIndex {
    /// The index that would serve `query` without a sort: its equality filters, then its sort columns. Nil when the
    /// query is not sorted, searches text (no index helps a substring search), or the version is small enough to
    /// sort quickly anyway.
    public static func wanted(for query: RowQuery, of version: DatasetVersion) -> SortIndex? {
        guard !query.sort.isEmpty, query.text?.isEmpty ?? true, version.rowCount >= query.indexSuggestionMinimumRows,
            query.filters.count <= 3, query.sort.count <= 3
        else { return nil }
        func sqlName(_ label: String) -> String? { version.columns.first { $0.label == label }?.sqlName }
        var columns: [(sqlName: String, descending: Bool)] = []
        for label in query.filters.keys.sorted() {
            guard let name = sqlName(label) else { return nil }
            columns.append((name, false))
        }
        for key in query.sort {
            guard let name = sqlName(key.column), !columns.contains(where: { $0.sqlName == name }) else { return nil }
            columns.append((name, key.descending))
        }
        return SortIndex(tableName: version.tableName, columns: columns)
    }
}
