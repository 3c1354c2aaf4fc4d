import Foundation
import MokminCore

/// A department's report on one task for one period (실적 보고): typed indicator values, what was done, the issues and the
/// next steps, and where it stands in review.
public struct PeriodReport: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var taskID: Int64
    public var period: Period
    public var status: ReportStatus
    public var narrative: String
    public var issues: String
    public var nextSteps: String
    /// Values of the task's hand-entered indicators, by indicator id.
    public var values: [Int64: Double]
    public var updatedAt: Date
    public var updatedBy: String?

    public init(
        id: Int64, taskID: Int64, period: Period, status: ReportStatus, narrative: String, issues: String, nextSteps: String,
        values: [Int64: Double], updatedAt: Date, updatedBy: String?
    ) {
        self.id = id
        self.taskID = taskID
        self.period = period
        self.status = status
        self.narrative = narrative
        self.issues = issues
        self.nextSteps = nextSteps
        self.values = values
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
