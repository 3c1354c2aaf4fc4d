import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

extension PlanController {
    func practiceValues(_ p: BestPractice, departments: [Department]) -> [String: Any] {
        [
            "id": p.id, "title": p.title, "problem": p.problem, "action": p.action, "result": p.result, "contact": p.contact, "tags": p.tags,
            "department": departments.first { $0.id == p.departmentID }?.name ?? "", "is_demo": p.isDemo, "task_id": p.taskID as Any,
            "created": AdminController.format(p.createdAt),
        ]
    }

    @Sendable func practices(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderPractices(request, context)
    }

    func renderPractices(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let search = try request.query.text(Input.search)
        let departments = try await plans.departments()
        let found = try await plans.practices(search: search)
        let rights = try await plans.rights(of: try Self.actor(context))
        var values = extra
        values["q"] = search ?? ""
        values["practices"] = found.map { practiceValues($0, departments: departments) }
        values["count"] = found.count
        values["departments"] = departments.filter { rights.isPlanner || $0.id == rights.departmentID }.map { ["id": $0.id, "name": $0.name] }
        values["may_add"] = rights.isPlanner || rights.departmentID != nil
        return views.page("plan_practices", values, context: context, request: request, status: status)
    }

    @Sendable func practice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let found = try await plans.practice(id: id) else {
            throw MokminError(.notFound, ko: "없는 우수사례입니다: \(id)", en: "No such best practice: \(id)")
        }
        let values = ["practice": practiceValues(found, departments: try await plans.departments())]
        return views.page("plan_practice", values, context: context, request: request)
    }

    @Sendable func createPractice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        var departmentID = try form.integer(Input.department).map(Int64.init)
        let taskID = try form.integer(Input.task).map(Int64.init)
        if departmentID == nil, let taskID {
            departmentID = try await plans.snapshot(planOf: taskID).task(taskID)?.departmentID
        }
        let practice = NewBestPractice(
            title: try form.text(Input.title) ?? "", problem: try form.text(Input.problem) ?? "", action: try form.text(Input.action) ?? "",
            result: try form.text(Input.result) ?? "", departmentID: departmentID ?? 0, contact: try form.text(Input.contact) ?? "",
            tags: (try form.text(Input.tags) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, taskID: taskID)
        do {
            let created = try await plans.createPractice(practice, actor: try Self.actor(context))
            return Response(status: .seeOther, headers: [.location: "/plan/practices/\(created.id)"])
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .notFound {
            return try await renderPractices(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }
}
