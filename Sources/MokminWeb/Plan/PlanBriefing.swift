import Foundation
import MokminBase
import MokminCore
import MokminPlan
import MokminSVG
import MokminServices

/// The document for the review meeting (혁신실적 점검회의) of one period: a summary by area, the achievements, the
/// delayed and at-risk tasks with their reasons and next steps, the readiness table and the best practices. Served as
/// print-ready HTML (A4, print CSS) and turned into PDF by headless Chromium (``PDFRenderer``), here and by
/// `mokmin plan briefing`.
public enum PlanBriefing {
    static func values(_ p: PlanPresenter, practices: [BestPractice] = [], departments: [Department] = []) -> [String: Any] {
        var values = p.header
        values["t"] = Strings.dictionary(p.language)
        values["lang"] = p.language
        values["areas"] = p.areas
        values["summary"] = p.summary(p.snapshot.tasks)
        values.merge(p.readiness) { $1 }
        let reportsOf = { (task: PlanTask) in p.snapshot.reports[task.id]?.first { $0.period == p.period } }
        values["attention"] = p.sorted(p.snapshot.tasks.filter { [.atRisk, .delayed].contains(p.assessments[$0.id]?.status) }).map { task in
            var row = p.taskRow(task)
            row["issues"] = reportsOf(task)?.issues ?? ""
            row["next_steps"] = reportsOf(task)?.nextSteps ?? ""
            return row
        }
        values["achievements"] = p.snapshot.tasks.compactMap { task -> [String: Any]? in
            guard let report = reportsOf(task), !report.narrative.isEmpty, [.accepted, .submitted].contains(report.status) else { return nil }
            var row = p.taskRow(task)
            row["narrative"] = report.narrative
            return row
        }
        values["practices"] = practices.prefix(10).map { practice in
            [
                "title": practice.title, "result": practice.result, "department": departments.first { $0.id == practice.departmentID }?.name ?? "",
                "is_demo": practice.isDemo,
            ] as [String: Any]
        }
        values["generated"] = LocalTime(Date()).iso.replacingOccurrences(of: "T", with: " ")
        return values
    }

    /// The briefing of `period` (the newest plan's when `planID` is nil) as a PDF, or as HTML with its stylesheet (the
    /// file to write beside it as `briefing.css`) when `pdf` is nil: what `mokmin plan briefing` writes.
    public static func render(plans: PlanService, planID: Int64?, period: Period?, language: String = "ko", pdf: PDFRenderer?) async throws
        -> (document: Data, stylesheet: Data?)
    {
        let snapshot = try await plans.snapshot(planID)
        let today = LocalTime(Date()).isoDate
        let p = PlanPresenter(snapshot, period: period ?? PlanController.defaultPeriod(snapshot, today: today), today: today, language: language)
        let html = standaloneHTML(
            p, views: try await Views.load(), practices: try await plans.practices(), departments: try await plans.departments())
        let css = try stylesheet()
        guard let pdf else { return (Data(html.utf8), css) }
        return (try await pdf.pdf(html: html, files: ["briefing.css": css]), nil)
    }

    /// The briefing's print stylesheet.
    static func stylesheet() throws -> Data {
        guard let url = Bundle.module.url(forResource: "briefing", withExtension: "css", subdirectory: "Static") else {
            throw MokminError(.notFound, ko: "briefing.css가 없습니다", en: "briefing.css is missing from the bundle")
        }
        return try Data(contentsOf: url)
    }

    /// The briefing as a document that links its stylesheet as `briefing.css` beside it (for Chromium, which opens it
    /// from a temporary folder, and for the command line's HTML file).
    static func standaloneHTML(_ p: PlanPresenter, views: Views, practices: [BestPractice] = [], departments: [Department] = []) -> String {
        var values = values(p, practices: practices, departments: departments)
        values["css_href"] = "briefing.css"
        values["standalone"] = true
        return views.library.render(values, withTemplate: "plan_briefing") ?? ""
    }
}
