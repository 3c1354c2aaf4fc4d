import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

/// The plan as JSON (`/api/plan…`, in `/openapi.json`): the overview, a task with its indicators and reports, the
/// readiness, and writing a report and taking its review steps, with the same rights as the pages.
struct PlanAPIController {
    let plans: PlanService

    func register(on router: SecuredRouter) {
        let pages = PlanController.Input.pages
        router.get("/api/plan", .official, parameters: pages, use: overview)
        router.get("/api/plan/tasks/:id", .official, parameters: [PlanController.Input.period], use: task)
        router.get("/api/plan/readiness", .official, parameters: pages, use: readiness)
        router.post("/api/plan/tasks/:id/reports/:period", .official, use: saveReport)
        router.post("/api/plan/reports/:id/:action", .official, use: transition)
    }

    struct StatusJSON: ResponseEncodable {
        var status: String
        var progress: Double?
        var expected: Double
        var reasons: [String]

        init(_ a: TaskAssessment, language: String) {
            (status, progress, expected, reasons) = (a.status.rawValue, a.progress, a.expected, a.reasons.map { $0.text(language) })
        }
    }

    struct TaskSummaryJSON: ResponseEncodable {
        var id: Int64
        var code: String
        var title: String
        var area: String
        var department: String
        var demo: Bool
        var assessment: StatusJSON
        var report_status: String?
    }

    struct OverviewJSON: ResponseEncodable {
        var plan: Plan
        var period: String
        var as_of: String
        var status_rule: String
        var counts: [String: Int]
        var tasks: [TaskSummaryJSON]
    }

    func context(_ request: Request, _ context: AppRequestContext) async throws -> PlanPresenter {
        let planID = try request.query.integer(PlanController.Input.plan).map(Int64.init)
        let text = try request.query.text(PlanController.Input.period)
        let snapshot = try await plans.snapshot(planID)
        let today = PlanController.today()
        let period =
            try text.map { t in
                guard let p = Period(t) else { throw MokminError(.invalidInput, ko: "기간 형식이 아닙니다: \(t)", en: "Not a period: \(t)") }
                return p
            } ?? PlanController.defaultPeriod(snapshot, today: today)
        return PlanPresenter(snapshot, period: period, today: today, language: context.language)
    }

    func summary(_ task: PlanTask, _ p: PlanPresenter) -> TaskSummaryJSON {
        TaskSummaryJSON(
            id: task.id, code: task.code, title: task.title, area: p.snapshot.areas.first { $0.id == task.areaID }?.title ?? "",
            department: p.snapshot.department(task.departmentID)?.name ?? "", demo: task.isDemo,
            assessment: StatusJSON(p.assessments[task.id]!, language: p.language),
            report_status: p.snapshot.reports[task.id]?.first { $0.period == p.period }?.status.rawValue)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> OverviewJSON {
        let p = try await self.context(request, context)
        var counts: [String: Int] = [:]
        for s in TaskStatus.allCases { counts[s.rawValue] = p.assessments.values.filter { $0.status == s }.count }
        return OverviewJSON(
            plan: p.snapshot.plan, period: p.period.description, as_of: p.asOf, status_rule: StatusRule.text.text(context.language), counts: counts,
            tasks: p.snapshot.tasks.map { summary($0, p) })
    }

    struct IndicatorJSON: ResponseEncodable {
        var indicator: Indicator
        var current: IndicatorValue?
        var progress: Double
        var values: [IndicatorValue]
    }

    struct TaskJSON: ResponseEncodable {
        var task: TaskSummaryJSON
        var detail: PlanTask
        var milestones: [Milestone]
        var indicators: [IndicatorJSON]
        var reports: [ReportJSON]
        var evaluation: [String]
    }

    @Sendable func task(_ request: Request, context: AppRequestContext) async throws -> TaskJSON {
        let id = try context.parameters.require("id", as: Int64.self)
        let text = try request.query.text(PlanController.Input.period)
        let snapshot = try await plans.snapshot(planOf: id)
        let today = PlanController.today()
        guard let period = text.map(Period.init) ?? PlanController.defaultPeriod(snapshot, today: today) else {
            throw MokminError(.invalidInput, ko: "기간 형식이 아닙니다", en: "Not a period")
        }
        let p = PlanPresenter(snapshot, period: period, today: today, language: context.language)
        guard let task = snapshot.task(id), let a = p.assessments[id] else { throw MokminError(.notFound, ko: "없는 과제입니다", en: "No such task") }
        let codes = Dictionary(uniqueKeysWithValues: (snapshot.framework?.indicators ?? []).map { ($0.id, $0.code) })
        return TaskJSON(
            task: summary(task, p), detail: task, milestones: snapshot.milestones[id] ?? [],
            indicators: a.indicators.map { s in
                IndicatorJSON(
                    indicator: s.indicator, current: s.value, progress: s.progress,
                    values: (snapshot.values[s.indicator.id] ?? []).sorted { $0.period < $1.period })
            }, reports: (snapshot.reports[id] ?? []).map(ReportJSON.init), evaluation: (snapshot.serves[id] ?? []).compactMap { codes[$0] })
    }

    struct ReadinessJSON: ResponseEncodable {
        struct Row: Encodable {
            var area: String
            var code: String
            var title: String
            var points: Double
            var tasks: [Int64]
            var progress: Double
            var estimated_score: Double
            var status: String?
            var gaps: [String]
        }

        var framework: String?
        var period: String
        var note: String
        var estimated_total: Double
        var indicators: [Row]
    }

    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> ReadinessJSON {
        let p = try await self.context(request, context)
        let rows = p.snapshot.readiness(asOf: p.asOf)
        return ReadinessJSON(
            framework: p.snapshot.framework?.title, period: p.period.description, note: Readiness.note.text(context.language),
            estimated_total: rows.reduce(0) { $0 + $1.estimatedScore },
            indicators: rows.map { r in
                ReadinessJSON.Row(
                    area: r.areaTitle, code: r.indicator.code, title: r.indicator.title, points: r.indicator.points, tasks: r.tasks.map(\.taskID),
                    progress: r.progress, estimated_score: r.estimatedScore, status: r.status?.rawValue,
                    gaps: r.gaps.map { $0.text(context.language) })
            })
    }

    /// A JSON body read strictly: the types `/openapi.json` states, no `null` where it states none (Swift's decoder would
    /// take `null` for a missing field). Nil for an empty body.
    static func body(_ request: Request) async throws -> [String: JSONValue]? {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        guard buffer.readableBytes > 0 else { return nil }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)), case .object(let object) = value else {
            throw MokminError(.invalidInput, ko: "본문은 JSON 객체여야 합니다", en: "The body must be a JSON object")
        }
        return object
    }

    static func text(_ body: [String: JSONValue], _ key: String, required: Bool = false) throws -> String? {
        switch body[key] {
        case nil where !required: return nil
        case .string(let text)?:
            guard text.count <= ReportInput.maxText else {
                throw MokminError(
                    .invalidInput, ko: "\(key)는 \(ReportInput.maxText)자까지입니다", en: "\(key) takes at most \(ReportInput.maxText) characters")
            }
            return text
        default: throw MokminError(.invalidInput, ko: "\(key)는 문자열이어야 합니다", en: "\(key) must be a string")
        }
    }

    @Sendable func saveReport(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReportJSON> {
        let id = try context.parameters.require("id", as: Int64.self)
        let text = try context.parameters.require("period")
        guard let period = Period(text) else {
            throw MokminError(.invalidInput, ko: "기간은 2020Q2, 2020-05 형식입니다: \(text)", en: "A period reads 2020Q2 or 2020-05: \(text)")
        }
        guard let body = try await Self.body(request) else {
            throw MokminError(.invalidInput, ko: "JSON 본문에 narrative가 있어야 합니다", en: "The JSON body needs narrative")
        }
        let narrative = try Self.text(body, "narrative", required: true) ?? ""
        var values: [Int64: Double] = [:]
        switch body["values"] {
        case nil: break
        case .object(let object)?:
            for (key, value) in object {
                guard let indicatorID = Int64(key), case .number(let number) = value, number.isFinite, abs(number) <= 1e15 else {
                    throw MokminError(
                        .invalidInput, ko: "values는 지표 번호 → 수(절댓값 10¹⁵ 이하)입니다: \(key)",
                        en: "values maps indicator ids to numbers (at most 10¹⁵): \(key)")
                }
                values[indicatorID] = number
            }
        default: throw MokminError(.invalidInput, ko: "values는 객체여야 합니다", en: "values must be an object")
        }
        var submit = false
        switch body["submit"] {
        case nil: break
        case .bool(let flag)?: submit = flag
        default: throw MokminError(.invalidInput, ko: "submit은 true 또는 false입니다", en: "submit is true or false")
        }
        let input = ReportInput(
            narrative: narrative, issues: try Self.text(body, "issues") ?? "", nextSteps: try Self.text(body, "next_steps") ?? "", values: values)
        let snapshot = try await plans.snapshot(planOf: id)
        let actor = try PlanController.actor(context)
        var report = try await plans.saveReport(taskID: id, period: period, input: input, in: snapshot, actor: actor)
        if submit { report = try await plans.transition(reportID: report.id, action: .submit, comment: "", in: snapshot, actor: actor) }
        return EditedResponse(status: .ok, response: ReportJSON(report))
    }

    @Sendable func transition(_ request: Request, context: AppRequestContext) async throws -> ReportJSON {
        let id = try context.parameters.require("id", as: Int64.self)
        let name = try context.parameters.require("action")
        guard let action = ReportAction(rawValue: name), action != .save else {
            throw MokminError(.invalidInput, ko: "단계는 submit, accept, return 중 하나입니다: \(name)", en: "The step is submit, accept or return: \(name)")
        }
        let comment = try await Self.body(request).flatMap { try Self.text($0, "comment") } ?? ""
        guard let report = try await plans.report(id: id) else { throw MokminError(.notFound, ko: "없는 보고입니다: \(id)", en: "No such report: \(id)") }
        return ReportJSON(
            try await plans.transition(
                reportID: id, action: action, comment: comment, in: try await plans.snapshot(planOf: report.taskID),
                actor: try PlanController.actor(context)))
    }
}

extension Plan: ResponseEncodable {}

/// A period report as JSON (values keyed by the indicator id as text).
struct ReportJSON: ResponseEncodable {
    var id: Int64
    var task_id: Int64
    var period: String
    var status: String
    var narrative: String
    var issues: String
    var next_steps: String
    var values: [String: Double]
    var updated_at: Date
    var updated_by: String?

    init(_ r: PeriodReport) {
        (id, task_id, period, status, narrative, issues, next_steps) = (
            r.id, r.taskID, r.period.description, r.status.rawValue, r.narrative, r.issues, r.nextSteps
        )
        values = Dictionary(uniqueKeysWithValues: r.values.map { (String($0.key), $0.value) })
        (updated_at, updated_by) = (r.updatedAt, r.updatedBy)
    }
}
