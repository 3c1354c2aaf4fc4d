import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

/// The admins' departments page: the departments with their members, adding one (optionally the planning office), and
/// putting an account in a department.
struct DepartmentController {
    let plans: PlanService
    let accounts: AccountService
    let views: Views

    enum Input {
        static let name = Parameter.text("name", max: 100, in: .form)
        static let planningOffice = Parameter.flag("planning_office", in: .form)
        static let login = Parameter.text("login", max: 64, in: .form)
        static let department = Parameter.integer("department", 0...Int(Int32.max), in: .form)
    }

    func register(on router: SecuredRouter) {
        router.get("/admin/departments", .admin, use: page)
        router.post("/admin/departments", .admin, parameters: [Input.name, Input.planningOffice], use: add)
        router.post("/admin/departments/assign", .admin, parameters: [Input.login, Input.department], use: assign)
    }

    func render(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let members = try await plans.members()
        var values = extra
        let departments = try await plans.departments()
        values["departments"] = departments.map { d in
            ["id": d.id, "name": d.name, "planning_office": d.planningOffice, "members": (members[d.id] ?? []).joined(separator: ", ")]
                as [String: Any]
        }
        values["users"] = try await accounts.listUsers().filter { !$0.disabled }.map { ["login": $0.login, "name": $0.name] }
        return views.page("admin_departments", values, context: context, request: request, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response { try await render(request, context) }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        do {
            _ = try await plans.createDepartment(
                name: try form.text(Input.name) ?? "", planningOffice: try form.flag(Input.planningOffice) ?? false,
                actor: try PlanController.actor(context))
            return Response(status: .seeOther, headers: [.location: "/admin/departments"])
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict {
            return try await render(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        let id = Int64(try form.integer(Input.department) ?? 0)
        let name = id == 0 ? nil : try await plans.departments().first { $0.id == id }?.name
        if id != 0 && name == nil { throw MokminError(.notFound, ko: "없는 부서입니다: \(id)", en: "No such department: \(id)") }
        try await plans.setDepartment(login: try form.text(Input.login) ?? "", department: name, actor: try PlanController.actor(context))
        return Response(status: .seeOther, headers: [.location: "/admin/departments"])
    }
}
