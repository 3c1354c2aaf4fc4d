import Foundation

/// A scheduled collection: a URL polled every `intervalMinutes` whose rows are added to a dataset, de-duplicated on
/// `uniqueKey`. The service key is write-only: it is stored for the calls and never returned by `list`.
public struct Harvest: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var datasetSlug: String
    public var url: String
    public var format: String
    /// Whether a service key is set (the key itself is never read back).
    public var hasServiceKey: Bool
    public var keyParameter: String
    public var intervalMinutes: Int
    public var uniqueKey: [String]
    public var createdBy: String?
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var lastRowsAdded: Int?

    /// Due when it never ran or its interval has passed since the last run.
    public func isDue(at now: Date) -> Bool {
        guard let lastRunAt else { return true }
        return now.timeIntervalSince(lastRunAt) >= Double(intervalMinutes) * 60
    }

    public init(id: Int64, datasetSlug: String, url: String, format: String, hasServiceKey: Bool, keyParameter: String, intervalMinutes: Int, uniqueKey: [String], createdBy: String? = nil, lastRunAt: Date? = nil, lastSuccessAt: Date? = nil, lastError: String? = nil, lastRowsAdded: Int? = nil) {
        self.id = id
        self.datasetSlug = datasetSlug
        self.url = url
        self.format = format
        self.hasServiceKey = hasServiceKey
        self.keyParameter = keyParameter
        self.intervalMinutes = intervalMinutes
        self.uniqueKey = uniqueKey
        self.createdBy = createdBy
        self.lastRunAt = lastRunAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastRowsAdded = lastRowsAdded
    }
}
