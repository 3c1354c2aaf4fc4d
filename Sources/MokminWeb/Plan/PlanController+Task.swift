import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminSVG
import MokminServices

extension PlanController {
    @Sendable func task(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderTask(request, context)
    }

    func renderTask(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let id = try context.parameters.require("id", as: Int64.self)
        let (_, period) = try load(request)
        let owner = try await plans.snapshot(planOf: id)
        let today = Self.today()
        let p = PlanPresenter(owner, period: period ?? Self.defaultPeriod(owner, today: today), today: today, language: context.language)
        guard let task = p.snapshot.task(id), let assessment = p.assessments[id] else {
            throw MokminError(.notFound, ko: "없는 과제입니다: \(id)", en: "No such task: \(id)")
        }
        let actor = try Self.actor(context)
        let rights = try await plans.rights(of: actor)
        let mayEdit = rights.mayEdit(taskOf: task.departmentID)
        var values = try await common(p, context)
        values.merge(extra) { $1 }
        values["task"] = p.taskRow(task).merging([
            "description": task.description, "start": task.start, "end": task.end,
            "budget": task.budget.map { PlanNumber.text(Double($0)) } as Any,
            "area": p.snapshot.areas.first { $0.id == task.areaID }?.title ?? "",
        ]) { $1 }
        values["may_edit"] = mayEdit
        // Milestones on a timeline.
        let milestones = p.snapshot.milestones[id] ?? []
        values["timeline"] = TimelineSVG.render(
            start: task.start, end: task.end, today: p.asOf,
            marks: milestones.map { m in
                TimelineSVG.Mark(day: m.due, title: m.title, state: m.isDone(asOf: p.asOf) ? .done : m.due < p.asOf ? .overdue : .open)
            }, label: context.language == "en" ? "Milestones of \(task.title)" : "\(task.title) 마일스톤",
            todayLabel: context.language == "en" ? "as of" : "기준일")
        values["milestones"] = milestones.map { m in
            [
                "id": m.id, "title": m.title, "due": m.due, "done_on": m.doneOn ?? "", "is_done": m.isDone(asOf: p.asOf),
                "overdue": !m.isDone(asOf: p.asOf) && m.due < p.asOf,
            ] as [String: Any]
        }
        // Indicators with their trend.
        values["indicators"] = assessment.indicators.map { state in indicatorValues(state, p: p) }
        // The period's report and the history.
        let report = p.snapshot.reports[id]?.first { $0.period == p.period }
        values["report"] =
            report.map { r in
                [
                    "id": r.id, "status": r.status.rawValue, "status_name": context.language == "en" ? r.status.rawValue : r.status.koreanName,
                    "narrative": r.narrative, "issues": r.issues, "next_steps": r.nextSteps, "updated": AdminController.format(r.updatedAt),
                    "by": r.updatedBy ?? "", "is_submitted": r.status == .submitted,
                ] as [String: Any]
            } as Any
        let editable = mayEdit && (report?.status.isEditable ?? true)
        values["report_editable"] = editable
        values["manual_indicators"] = assessment.indicators.filter { $0.indicator.source == .manual }.map { state in
            [
                "id": state.indicator.id, "name": state.indicator.name, "unit": state.indicator.unit,
                "value": report?.values[state.indicator.id].map(PlanService.number) ?? "",
            ] as [String: Any]
        }
        values["may_review"] = rights.isPlanner && report?.status == .submitted
        if let report {
            values["events"] = try await plans.events(reportID: report.id).map { e in
                [
                    "action": context.language == "en" ? e.action.rawValue : e.action.koreanName,
                    "status": context.language == "en" ? e.status.rawValue : e.status.koreanName, "comment": e.comment, "actor": e.actor ?? "",
                    "at": AdminController.format(e.at),
                ]
            }
            values["evidence"] = try await plans.evidence(reportID: report.id).map { e in
                ["id": e.id, "name": e.fileName, "size": PlanNumber.text(Double(e.size)), "by": e.uploadedBy ?? ""] as [String: Any]
            }
            values["may_attach"] = mayEdit && report.status != .accepted
        }
        values["history"] = (p.snapshot.reports[id] ?? []).sorted { $0.period > $1.period }.map { r in
            [
                "period": r.period.description, "status": r.status.rawValue,
                "status_name": context.language == "en" ? r.status.rawValue : r.status.koreanName,
            ]
        }
        values["max_evidence_mib"] = Evidence.maxBytes / 1_048_576
        values["may_promote"] = rights.isPlanner || rights.departmentID == task.departmentID
        return views.page("plan_task", values, context: context, request: request, status: status)
    }

    func indicatorValues(_ state: TaskAssessment.IndicatorState, p: PlanPresenter) -> [String: Any] {
        let indicator = state.indicator
        let known = (p.snapshot.values[indicator.id] ?? []).sorted { $0.period < $1.period }
        // One value per period (a typed and a computed value for one period: the later one).
        var byPeriod: [Period: IndicatorValue] = [:]
        for v in known where byPeriod[v.period].map({ $0.recordedAt <= v.recordedAt }) ?? true { byPeriod[v.period] = v }
        let periods = byPeriod.keys.sorted().suffix(24)
        let chart = CategoryChart(title: indicator.name, unit: indicator.unit, style: .line).render(
            categories: periods.map(\.description), values: periods.map { byPeriod[$0]?.value },
            references: [
                .init(value: indicator.target, label: p.isEnglish ? "target" : "목표", color: "#c62828"),
                .init(value: indicator.baseline, label: p.isEnglish ? "baseline" : "기준", color: "#777777"),
            ])
        var source = p.isEnglish ? "typed in reports" : "보고서 직접 입력"
        var slug = ""
        if case .dataset(let s, let query) = indicator.source, let measure = query.measures.first {
            slug = s
            let version = state.value?.datasetVersionNumber.map { " v\($0)" } ?? ""
            let column = measure.column.map { " · \($0)" } ?? ""
            let unit = query.period.map { " · \(p.isEnglish ? $0.unit.rawValue : $0.unit.koreanName)" } ?? ""
            source = "\(s)\(version) · \(p.isEnglish ? measure.function.rawValue : measure.function.koreanName)\(column)\(unit)"
        }
        return [
            "id": indicator.id, "name": indicator.name, "unit": indicator.unit, "baseline": PlanNumber.text(indicator.baseline),
            "target": PlanNumber.text(indicator.target), "direction": p.isEnglish ? indicator.direction.rawValue : indicator.direction.koreanName,
            "weight": PlanNumber.text(indicator.weight), "current": state.value.map { PlanNumber.text($0.value) } ?? "–",
            "current_period": state.value?.period.description ?? "", "progress": PlanPresenter.percent(state.value == nil ? nil : state.progress),
            "progress_value": state.progress, "source": source, "dataset": slug, "chart": chart,
            "table": periods.map { ["period": $0.description, "value": byPeriod[$0].map { PlanNumber.text($0.value) } ?? ""] },
        ]
    }

    @Sendable func saveReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (_, period) = try load(request)
        guard let period else { throw MokminError(.invalidInput, ko: "기간(period)이 필요합니다", en: "A period is needed") }
        let form = try await request.formFields()
        var values: [Int64: Double] = [:]
        for (suffix, raw) in try form.family(Input.value) where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let indicatorID = Int64(suffix), let value = Double(raw.replacingOccurrences(of: ",", with: "")), value.isFinite, abs(value) <= 1e15
            else {
                throw MokminError(.invalidInput, ko: "지표값이 수가 아닙니다: \(raw)", en: "An indicator value is not a number: \(raw)")
            }
            values[indicatorID] = value
        }
        let input = ReportInput(
            narrative: try form.text(Input.narrative) ?? "", issues: try form.text(Input.issues) ?? "",
            nextSteps: try form.text(Input.nextSteps) ?? "",
            values: values)
        let snapshot = try await plans.snapshot(planOf: id)
        let actor = try Self.actor(context)
        do {
            let report = try await plans.saveReport(taskID: id, period: period, input: input, in: snapshot, actor: actor)
            if try form.text(Input.step) == "submit" {
                _ = try await plans.transition(reportID: report.id, action: .submit, comment: "", in: snapshot, actor: actor)
            }
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict {
            return try await renderTask(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/plan/tasks/\(id)?period=\(period)"])
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reportID = try context.parameters.require("id", as: Int64.self)
        let form = try await request.formFields()
        guard let report = try await plans.report(id: reportID) else {
            throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)")
        }
        let action: ReportAction = try form.text(Input.review) == "return" ? .return : .accept
        let snapshot = try await plans.snapshot(planOf: report.taskID)
        _ = try await plans.transition(
            reportID: reportID, action: action, comment: try form.text(Input.comment) ?? "", in: snapshot, actor: try Self.actor(context))
        return Response(status: .seeOther, headers: [.location: "/plan/tasks/\(report.taskID)?period=\(report.period)"])
    }

    @Sendable func milestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = try await request.formFields()
        let doneOn = try form.text(Input.doneOn)
        let (_, period) = try load(request)
        let taskID = try await plans.task(ofMilestone: id)
        let snapshot = try await plans.snapshot(planOf: taskID)
        _ = try await plans.setMilestone(id: id, doneOn: doneOn, in: snapshot, actor: try Self.actor(context))
        return Response(status: .seeOther, headers: [.location: "/plan/tasks/\(taskID)" + (period.map { "?period=\($0)" } ?? "")])
    }

    @Sendable func uploadEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reportID = try context.parameters.require("id", as: Int64.self)
        guard let report = try await plans.report(id: reportID) else {
            throw MokminError(.notFound, ko: "없는 보고입니다: \(reportID)", en: "No such report: \(reportID)")
        }
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "파일을 양식(multipart/form-data)으로 올려야 합니다", en: "Upload the file with the form (multipart/form-data)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let upload = try await reader.read(request.body, fileTo: temporary, maxFileBytes: Evidence.maxBytes)
        guard let fileName = upload.fileName, !fileName.isEmpty, upload.fileSize > 0 else {
            throw MokminError(.invalidInput, ko: "올릴 파일을 고르세요", en: "Choose a file to upload")
        }
        let snapshot = try await plans.snapshot(planOf: report.taskID)
        _ = try await plans.addEvidence(
            reportID: reportID, fileName: fileName, contentType: Self.contentType(fileName), data: try Data(contentsOf: temporary), in: snapshot,
            actor: try Self.actor(context))
        return Response(status: .seeOther, headers: [.location: "/plan/tasks/\(report.taskID)?period=\(report.period)"])
    }

    /// The media type of an evidence file by its extension; it is always downloaded as an attachment.
    static func contentType(_ fileName: String) -> String {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "hwp": "application/x-hwp"
        case "hwpx": "application/hwp+zip"
        case "csv": "text/csv"
        case "txt": "text/plain"
        default: "application/octet-stream"
        }
    }

    @Sendable func downloadEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let (evidence, data) = try await plans.evidenceFile(id: id) else {
            throw MokminError(.notFound, ko: "없는 증빙입니다: \(id)", en: "No such evidence: \(id)")
        }
        return Self.attachment(data, fileName: evidence.fileName, contentType: evidence.contentType)
    }

    /// A download: always an attachment (a stored HTML or SVG file never renders in the site's origin).
    static func attachment(_ data: Data, fileName: String, contentType: String) -> Response {
        let ascii = fileName.unicodeScalars.map {
            $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) ? String($0) : "_"
        }.joined()
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        var headers: HTTPFields = [.contentType: contentType]
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
