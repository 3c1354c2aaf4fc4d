import Foundation
import MokminBase
import MokminCore
import MokminPlan

extension PlanService {
    /// The report of a task for a period, if written.
    public func report(taskID: Int64, period: Period) async throws -> PeriodReport? { try await store.report(taskID: taskID, period: period) }

    public func report(id: Int64) async throws -> PeriodReport? { try await store.report(id: id) }

    public func events(reportID: Int64) async throws -> [ReportEvent] { try await store.events(reportID: reportID) }

    public func evidence(reportID: Int64) async throws -> [Evidence] { try await store.evidence(reportID: reportID) }

    /// Saves a report's text and typed values (created as a draft): the owning department or the planning office.
    public func saveReport(taskID: Int64, period: Period, input: ReportInput, in snapshot: PlanSnapshot, actor: PlanActor) async throws
        -> PeriodReport
    {
        guard let task = snapshot.task(taskID) else { throw MokminError(.notFound, ko: "없는 과제입니다: \(taskID)", en: "No such task: \(taskID)") }
        try await requireEdit(task, actor: actor, snapshot: snapshot)
        return try await store.saveReport(taskID: taskID, period: period, input: input, audit: Self.audit(actor, "plan.report.save"))
    }

    /// Takes a workflow step. Submitting is the owning department's (or the planning office's); accepting and returning
    /// are the planning office's alone.
    public func transition(reportID: Int64, action: ReportAction, comment: String, in snapshot: PlanSnapshot, actor: PlanActor) async throws
        -> PeriodReport
    {
        guard let report = try await store.report(id: reportID), let task = snapshot.task(report.taskID) else {
            throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)")
        }
        if action.isReview {
            try await requirePlanner(actor)
        } else {
            try await requireEdit(task, actor: actor, snapshot: snapshot)
        }
        return try await store.transition(
            reportID: reportID, action: action, comment: comment, audit: Self.audit(actor, "plan.report.\(action.rawValue)"))
    }

    /// Attaches an evidence file to a report the actor may edit (any status but accepted).
    public func addEvidence(reportID: Int64, fileName: String, contentType: String, data: Data, in snapshot: PlanSnapshot, actor: PlanActor)
        async throws -> Evidence
    {
        guard let report = try await store.report(id: reportID), let task = snapshot.task(report.taskID) else {
            throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)")
        }
        try await requireEdit(task, actor: actor, snapshot: snapshot)
        guard report.status != .accepted else {
            throw MokminError(.conflict, ko: "승인된 보고에는 증빙을 더할 수 없습니다", en: "An accepted report takes no more evidence")
        }
        return try await store.addEvidence(
            reportID: reportID, fileName: fileName, contentType: contentType, data: data, audit: Self.audit(actor, "plan.evidence"))
    }

    public func evidenceFile(id: Int64) async throws -> (Evidence, Data)? { try await store.evidenceFile(id: id) }
}
