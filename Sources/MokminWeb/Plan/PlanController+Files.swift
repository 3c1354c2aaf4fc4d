import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

extension PlanController {
    func send(_ table: PlanTable, name: String, _ request: Request) throws -> Response {
        switch try request.query.text(Input.format) ?? "xlsx" {
        case "csv": return Self.attachment(PlanService.csv(table), fileName: name + ".csv", contentType: "text/csv; charset=utf-8")
        default:
            return Self.attachment(
                try PlanService.xlsx(table), fileName: name + ".xlsx",
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    /// The task list as a file the import reads back.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let snapshot = try await plans.snapshot(try load(request).planID)
        return try send(plans.taskTable(snapshot), name: "plan-\(snapshot.plan.year)", request)
    }

    /// A period's results.
    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try await presenter(request, context)
        return try send(
            plans.resultsTable(p.snapshot, period: p.period, today: Self.today()), name: "plan-\(p.snapshot.plan.year)-\(p.period)", request)
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderImport(request, context)
    }

    func renderImport(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        var values = extra
        values["is_planner"] = try await plans.rights(of: try Self.actor(context)).isPlanner
        values["columns"] = PlanFileColumn.allCases.map { ["korean": $0.korean, "english": $0.english, "required": $0.isRequired] }
        values["year"] = values["year"] ?? LocalTime(Date()).year
        values["plans"] = try await plans.plans().map { ["year": $0.year, "organisation": $0.organisation, "title": $0.title] }
        return views.page("plan_import", values, context: context, request: request, status: status)
    }

    enum ImportField {
        static let year = Parameter.integer("year", Period.years.lowerBound...Period.years.upperBound, in: .form)
        static let organisation = Parameter.text("organisation", max: 100, in: .form)
        static let title = Parameter.text("title", max: 300, in: .form)
        static let vision = Parameter.text("vision", max: 2_000, in: .form)
    }

    /// The planning office uploads a task file (multipart: `file`, `year`, `organisation`, `title`, `vision`).
    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        // Refused before the upload is read.
        guard try await plans.rights(of: actor).isPlanner else { throw PlanService.plannersOnly }
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "파일을 양식(multipart/form-data)으로 올려야 합니다", en: "Upload the file with the form (multipart/form-data)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let upload = try await reader.read(request.body, fileTo: temporary, maxFileBytes: maxUploadBytes)
        var typed: [String: Any] = [:]
        do {
            guard let fileName = upload.fileName, !fileName.isEmpty, upload.fileSize > 0 else {
                throw MokminError(.invalidInput, ko: "올릴 파일을 고르세요", en: "Choose a file to upload")
            }
            let yearText = try ImportController.field(upload, ImportField.year)
            let organisation = try ImportController.field(upload, ImportField.organisation) ?? ""
            let title = try ImportController.field(upload, ImportField.title) ?? ""
            typed = ["year": yearText ?? "", "organisation": organisation, "title": title]
            guard let year = yearText.flatMap({ Int($0) }) else {
                throw MokminError(.invalidInput, ko: "계획 연도가 필요합니다", en: "The plan's year is needed")
            }
            let header = NewPlan(
                year: year, organisation: organisation, title: title, vision: try ImportController.field(upload, ImportField.vision) ?? "")
            let (summary, problems) = try await plans.importTasks(temporary, fileName: fileName, into: header, actor: actor)
            let notice =
                context.language == "en"
                ? "\(fileName): \(summary.tasksAdded) tasks added, \(summary.tasksUpdated) updated, \(summary.tasksKept) kept; \(summary.indicators) indicators"
                : "\(fileName): 과제 \(summary.tasksAdded)건 추가, \(summary.tasksUpdated)건 갱신, \(summary.tasksKept)건 유지, 지표 \(summary.indicators)개"
            return try await renderImport(request, context, extra: ["notice": notice, "problems": problems, "plan_id": summary.planID])
        } catch let error as PlanFileError {
            var values = typed
            values["error"] = error.message.text(context.language)
            return try await renderImport(request, context, extra: values, status: .badRequest)
        } catch let error as MokminError where error.kind == .invalidInput {
            var values = typed
            values["error"] = error.message.text(context.language)
            return try await renderImport(request, context, extra: values, status: .badRequest)
        }
    }
}
