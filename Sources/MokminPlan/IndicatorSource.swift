import MokminCore

/// How an indicator's value is obtained: typed by the department in its report, or computed from a dataset of the hub.
public enum IndicatorSource: Sendable, Hashable, Codable {
    case manual
    /// The dataset (by slug), and the question asked of each of its versions: one measure, grouped by the period of a
    /// date column, with optional filters. Recomputed whenever a new version is published.
    case dataset(slug: String, query: AggregateQuery)

    public var datasetSlug: String? {
        if case .dataset(let slug, _) = self { return slug }
        return nil
    }
}
