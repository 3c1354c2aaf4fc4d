import Foundation
import Hummingbird
import MokminCore
import MokminServices
import MokminStore

/// The analysts' metadata form for a dataset (the slug stays).
struct DatasetEditController {
    let catalog: CatalogService
    let views: Views

    func register(on router: SecuredRouter) {
        router.get("/datasets/:slug/edit", .analyst, use: form)
        router.post("/datasets/:slug/edit", .analyst, use: save)
    }

    func record(_ context: AppRequestContext) async throws -> DatasetRecord {
        let slug = try context.parameters.require("slug")
        guard let record = try await catalog.dataset(slug, for: context.principal) else {
            throw MokminError(.notFound, ko: "데이터셋이 없습니다: \(slug)", en: "No such dataset: \(slug)")
        }
        return record
    }

    func render(_ m: DatasetMetadata, _ request: Request, _ context: AppRequestContext, error: String? = nil) -> Response {
        var values: [String: Any] = [
            "slug": m.slug, "title": m.title, "description": m.description, "organization": m.organization, "tags": m.tags.joined(separator: ", "),
            "frequency": m.frequency, "source": m.source, "temporal": m.temporalCoverage, "spatial": m.spatialCoverage, "contact": m.contact,
            "public_checked": m.visibility == .public,
            "licenses": DatasetLicense.allCases.map { ["value": $0.rawValue, "label": $0.title, "selected": $0 == m.license] },
        ]
        if let error { values["error"] = error }
        return views.page("dataset_edit", values, context: context, request: request, status: error == nil ? .ok : .badRequest)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        render(try await record(context).metadata, request, context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        var m = try await record(context).metadata
        let form = try await AdminController.form(request, context)
        m.title = form["title"] ?? ""
        m.description = form["description"] ?? ""
        m.organization = (form["organization"] ?? "").trimmingCharacters(in: .whitespaces)
        m.tags = (form["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        m.license = DatasetLicense(rawValue: form["license"] ?? "") ?? m.license
        m.frequency = form["frequency"] ?? ""
        m.source = form["source"] ?? ""
        m.temporalCoverage = form["temporal"] ?? ""
        m.spatialCoverage = form["spatial"] ?? ""
        m.contact = form["contact"] ?? ""
        m.visibility = form["visibility"] == "public" ? .public : .internal
        do {
            try await catalog.datasets.updateMetadata(m, audit: AuditEvent(actor: context.principal?.login, action: "dataset.metadata", target: m.slug))
            return Response(status: .seeOther, headers: [.location: "/datasets/\(m.slug)"])
        } catch let error as MokminError {
            return render(m, request, context, error: error.message.text(context.language))
        }
    }
}
