import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

extension PlanController {
    @Sendable func briefing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try await presenter(request, context)
        var values = PlanBriefing.values(p, practices: try await plans.practices(), departments: try await plans.departments())
        values["css_href"] = "/static/briefing.css"
        values["pdf_link"] = "/plan/briefing.pdf?period=\(p.period)&plan=\(p.snapshot.plan.id)"
        return views.html("plan_briefing", values, language: context.language)
    }

    @Sendable func briefingPDF(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try await presenter(request, context)
        let html = PlanBriefing.standaloneHTML(p, views: views, practices: try await plans.practices(), departments: try await plans.departments())
        let data = try await pdf.pdf(html: html, files: ["briefing.css": try PlanBriefing.stylesheet()])
        return Self.attachment(data, fileName: "briefing-\(p.snapshot.plan.year)-\(p.period).pdf", contentType: "application/pdf")
    }
}
