/// What a department writes in a period report: the text and the values of its hand-entered indicators.
public struct ReportInput: Sendable, Hashable, Codable {
    public var narrative: String
    public var issues: String
    public var nextSteps: String
    /// By indicator id; only the task's hand-entered indicators are accepted.
    public var values: [Int64: Double]

    /// The longest text a report field takes.
    public static let maxText = 8_000

    public init(narrative: String, issues: String = "", nextSteps: String = "", values: [Int64: Double] = [:]) {
        self.narrative = narrative
        self.issues = issues
        self.nextSteps = nextSteps
        self.values = values
    }
}
