import Foundation
import MokminCore
import MokminPlan

/// The innovation plan's store: departments, plans and their tasks, computed and typed indicator values, period reports
/// with their history and evidence, evaluation frameworks and best practices. Every change writes its audit event in
/// the same transaction.
public protocol PlanRepository: Sendable {
    // MARK: Departments

    func departments() async throws -> [Department]
    /// Creates a department; a name that exists is a `conflict`.
    func createDepartment(name: String, planningOffice: Bool, audit: AuditEvent) async throws -> Department
    /// Puts the account `login` in a department (nil: none).
    func setDepartment(login: String, departmentID: Int64?, audit: AuditEvent) async throws
    /// The logins of each department's members, by department.
    func members() async throws -> [Int64: [String]]
    /// The department of an account, if it has one.
    func department(ofUser userID: Int64) async throws -> Department?

    // MARK: Plans

    func plans() async throws -> [Plan]
    /// The whole plan (nil when no such plan).
    func snapshot(planID: Int64) async throws -> PlanSnapshot?
    /// Stores a task file into the plan of `plan.year` and `plan.organisation` (created when missing) in one
    /// transaction: areas by title, tasks by number (updated, or added; tasks the file does not name are kept),
    /// indicators by name within their task, milestones as the file lists them, the departments it names (created when
    /// missing), and the evaluation indicators each task serves (codes of the year's framework; an unknown code is
    /// refused). Nothing is stored when anything is refused.
    func store(_ draft: PlanDraft, into plan: NewPlan, audit: AuditEvent) async throws -> PlanImportSummary
    /// The plan a task belongs to (nil when no such task).
    func planID(ofTask taskID: Int64) async throws -> Int64?
    /// The task a milestone belongs to (nil when no such milestone).
    func taskID(ofMilestone id: Int64) async throws -> Int64?
    /// Marks a milestone done on `doneOn` (or open again with nil).
    func setMilestone(id: Int64, doneOn: String?, audit: AuditEvent) async throws -> Milestone

    // MARK: Computed indicators

    /// Every indicator computed from the dataset `slug`.
    func computedIndicators(datasetSlug: String) async throws -> [Indicator]
    /// Keeps the values computed from one dataset version (replacing any from the same version).
    func recordComputed(indicatorID: Int64, version: DatasetVersion, values: [Period: Double], at: Date) async throws
    /// Every value computed for the indicator, from every version, newest version first.
    func computedHistory(indicatorID: Int64) async throws -> [IndicatorValue]

    // MARK: Reports

    func report(id: Int64) async throws -> PeriodReport?
    func report(taskID: Int64, period: Period) async throws -> PeriodReport?
    /// Creates the report (as a draft) or updates it; refused (`conflict`) unless it is a draft or returned.
    func saveReport(taskID: Int64, period: Period, input: ReportInput, audit: AuditEvent) async throws -> PeriodReport
    /// Takes a workflow step (submit, accept, return) with its comment; refused (`conflict`) from a status the step does
    /// not start from.
    func transition(reportID: Int64, action: ReportAction, comment: String, audit: AuditEvent) async throws -> PeriodReport
    func events(reportID: Int64) async throws -> [ReportEvent]
    func addEvidence(reportID: Int64, fileName: String, contentType: String, data: Data, audit: AuditEvent) async throws -> Evidence
    func evidence(reportID: Int64) async throws -> [Evidence]
    func evidenceFile(id: Int64) async throws -> (Evidence, Data)?

    // MARK: Evaluation

    /// Stores the framework of `draft.year`, replacing the year's previous one (and the tasks' links to it).
    func storeFramework(_ draft: FrameworkDraft, audit: AuditEvent) async throws -> EvaluationFramework
    func framework(year: Int) async throws -> EvaluationFramework?

    // MARK: Best practices

    func practices() async throws -> [BestPractice]
    func practice(id: Int64) async throws -> BestPractice?
    func createPractice(_ practice: NewBestPractice, audit: AuditEvent) async throws -> BestPractice
}
