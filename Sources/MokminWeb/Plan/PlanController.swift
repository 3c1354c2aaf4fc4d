import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

/// The innovation plan's pages: the overview, a department's tasks, a task with its report and review, the
/// evaluation's readiness, the best-practice library, the briefing for the review meeting, and the task file.
/// Every signed-in official reads them; who may write what is decided by ``PlanService``.
struct PlanController {
    let plans: PlanService
    let views: Views
    let pdf: PDFRenderer
    let maxUploadBytes: Int

    enum Input {
        /// A month (2020-05), a quarter (2020Q2) or a year (2020), 1900–2200.
        static let period = Parameter.pattern("period", "(19[0-9]{2}|2[01][0-9]{2}|2200)(-?[Qq][1-4]|-(0[1-9]|1[0-2]))?", max: 7)
        static let plan = Parameter.integer("plan", 1...Int(Int32.max))
        static let search = Parameter.text("q", max: 200)
        static let format = Parameter.choice("format", ["xlsx", "csv"])
        static let narrative = Parameter.text("narrative", max: ReportInput.maxText, in: .form)
        static let issues = Parameter.text("issues", max: ReportInput.maxText, in: .form)
        static let nextSteps = Parameter.text("next_steps", max: ReportInput.maxText, in: .form)
        static let value = Parameter("value.", .number(-1e15...1e15), in: .form, family: true)
        static let step = Parameter.choice("step", ["save", "submit"], in: .form)
        static let review = Parameter.choice("review", ["accept", "return"], in: .form)
        static let comment = Parameter.text("comment", max: ReportInput.maxText, in: .form)
        static let doneOn = Parameter.pattern("done_on", "[0-9]{4}-[0-9]{2}-[0-9]{2}", max: 10, in: .form)
        static let title = Parameter.text("title", max: 300, in: .form)
        static let problem = Parameter.text("problem", max: ReportInput.maxText, in: .form)
        static let action = Parameter.text("action", max: ReportInput.maxText, in: .form)
        static let result = Parameter.text("result", max: ReportInput.maxText, in: .form)
        static let contact = Parameter.text("contact", max: 200, in: .form)
        static let tags = Parameter.text("tags", max: 500, in: .form)
        static let department = Parameter.integer("department", 1...Int(Int32.max), in: .form)
        static let task = Parameter.integer("task", 1...Int(Int32.max), in: .form)
        static let pages = [period, plan]
        static let report = [narrative, issues, nextSteps, value, step]
        static let practice = [title, problem, action, result, contact, tags, department, task]
    }

    func register(on router: SecuredRouter) {
        router.get("/plan", .official, parameters: Input.pages, use: overview)
        router.get("/plan/departments/:id", .official, parameters: Input.pages, use: department)
        router.get("/plan/tasks/:id", .official, parameters: Input.pages, use: task)
        router.post("/plan/tasks/:id/report", .official, parameters: Input.pages + Input.report, use: saveReport)
        router.post("/plan/reports/:id/review", .official, parameters: [Input.review, Input.comment], use: review)
        router.post("/plan/reports/:id/evidence", .official, use: uploadEvidence)
        router.get("/plan/evidence/:id", .official, use: downloadEvidence)
        router.post("/plan/milestones/:id", .official, parameters: Input.pages + [Input.doneOn], use: milestone)
        router.get("/plan/readiness", .official, parameters: Input.pages, use: readiness)
        router.get("/plan/practices", .official, parameters: [Input.search], use: practices)
        router.get("/plan/practices/:id", .official, use: practice)
        router.post("/plan/practices", .official, parameters: Input.practice + [Input.search], use: createPractice)
        router.get("/plan/briefing", .official, parameters: Input.pages, use: briefing)
        router.get("/plan/briefing.pdf", .official, parameters: Input.pages, use: briefingPDF)
        router.get("/plan/export", .official, parameters: Input.pages + [Input.format], use: export)
        router.get("/plan/results", .official, parameters: Input.pages + [Input.format], use: results)
        router.get("/plan/import", .official, use: importForm)
        router.post("/plan/import", .official, use: importFile)
    }

    static func today() -> String { LocalTime(Date()).isoDate }

    static func actor(_ context: AppRequestContext) throws -> PlanActor {
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        return PlanActor(principal, origin: context.clientAddress)
    }

    /// The plan the query names (or the newest) and the period to show: the query's, else the latest period with a
    /// report, else the quarter of today (within the plan's year).
    func load(_ request: Request) throws -> (planID: Int64?, period: Period?) {
        let planID = try request.query.integer(Input.plan).map(Int64.init)
        guard let text = try request.query.text(Input.period) else { return (planID, nil) }
        guard let period = Period(text) else {
            throw MokminError(.invalidInput, ko: "기간은 2020Q2, 2020-05, 2020 형식입니다: \(text)", en: "A period reads 2020Q2, 2020-05 or 2020: \(text)")
        }
        return (planID, period)
    }

    static func defaultPeriod(_ snapshot: PlanSnapshot, today: String) -> Period {
        if let latest = snapshot.reports.values.joined().map(\.period).max() { return latest }
        let year = snapshot.plan.year
        let day = min(max(today, "\(year)-01-01"), "\(year)-12-31")
        return Period(containing: day, unit: .quarter) ?? Period(unit: .quarter, year: year, index: 1)!
    }

    func presenter(_ request: Request, _ context: AppRequestContext) async throws -> PlanPresenter {
        let (planID, period) = try load(request)
        let snapshot = try await plans.snapshot(planID)
        let today = Self.today()
        return PlanPresenter(snapshot, period: period ?? Self.defaultPeriod(snapshot, today: today), today: today, language: context.language)
    }

    func common(_ p: PlanPresenter, _ context: AppRequestContext) async throws -> [String: Any] {
        var values = p.header
        let rights = try await plans.rights(of: try Self.actor(context))
        values["is_planner"] = rights.isPlanner
        values["my_department"] = rights.departmentID.flatMap { p.snapshot.department($0) }.map { ["id": $0.id, "name": $0.name] } as Any
        return values
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try await presenter(request, context)
        var values = try await common(p, context)
        values["areas"] = p.areas
        let attention = p.attention
        values["attention"] = attention
        values["has_attention"] = !attention.isEmpty
        values["summary"] = p.summary(p.snapshot.tasks)
        values["departments"] = p.snapshot.departments.filter { d in p.snapshot.tasks.contains { $0.departmentID == d.id } }.map {
            ["id": $0.id, "name": $0.name]
        }
        return views.page("plan", values, context: context, request: request)
    }

    @Sendable func department(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let p = try await presenter(request, context)
        guard let department = p.snapshot.department(id) else {
            throw MokminError(.notFound, ko: "없는 부서입니다: \(id)", en: "No such department: \(id)")
        }
        let tasks = p.snapshot.tasks.filter { $0.departmentID == id }
        var values = try await common(p, context)
        values["department"] = ["id": department.id, "name": department.name]
        values["summary"] = p.summary(tasks)
        values["tasks"] = p.sorted(tasks).map(p.taskRow)
        return views.page("plan_department", values, context: context, request: request)
    }

    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try await presenter(request, context)
        var values = try await common(p, context)
        values.merge(p.readiness) { $1 }
        return views.page("plan_readiness", values, context: context, request: request)
    }
}
