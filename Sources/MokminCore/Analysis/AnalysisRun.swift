import Foundation

/// A saved analysis: what was asked (kind, parameters with the dataset versions used), its progress, and its result.
public struct AnalysisRun: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case livingPopulation = "living_population"
        case evSiting = "ev_siting"
        case shelter
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case queued, running, done, failed, cancelled

        /// Whether the run will not change any more.
        public var isFinal: Bool { self == .done || self == .failed || self == .cancelled }
    }

    public var id: Int64
    public var kind: Kind
    public var title: String
    /// The parameters as JSON (the analysis service's own types).
    public var parameters: String
    public var status: Status
    public var progress: Double
    public var message: String?
    /// The result as JSON, present exactly when the status is `done`.
    public var result: String?
    public var error: String?
    /// Whether officials (not only the data team) may open it.
    public var shared: Bool
    public var createdBy: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(id: Int64, kind: Kind, title: String, parameters: String, status: Status, progress: Double, message: String? = nil, result: String? = nil, error: String? = nil, shared: Bool, createdBy: String? = nil, createdAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.parameters = parameters
        self.status = status
        self.progress = progress
        self.message = message
        self.result = result
        self.error = error
        self.shared = shared
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
