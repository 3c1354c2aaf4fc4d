import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// The analysts' metadata form for a dataset (the slug stays).
struct DatasetEditController {
    let catalog: CatalogService
    let views: Views

    /// The fields of the metadata form (also on the import review page).
    enum Input {
        static let slug = Parameter.text("slug", max: 100, in: .form)
        static let title = Parameter.text("title", max: DatasetRules.maxTitle, in: .form)
        static let description = Parameter.text("description", max: DatasetRules.maxDescription, in: .form)
        static let organization = Parameter.text("organization", max: DatasetRules.maxShortText, in: .form)
        static let tags = Parameter.text("tags", max: 2_000, in: .form)
        static let license = Parameter.choice("license", DatasetLicense.allCases.map(\.rawValue), in: .form)
        static let frequency = Parameter.text("frequency", max: DatasetRules.maxShortText, in: .form)
        static let source = Parameter.text("source", max: DatasetRules.maxShortText, in: .form)
        static let temporal = Parameter.text("temporal", max: DatasetRules.maxShortText, in: .form)
        static let spatial = Parameter.text("spatial", max: DatasetRules.maxShortText, in: .form)
        static let contact = Parameter.text("contact", max: DatasetRules.maxShortText, in: .form)
        static let visibility = Parameter.choice("visibility", Visibility.allCases.map(\.rawValue), in: .form)
        static let all = [title, description, organization, tags, license, frequency, source, temporal, spatial, contact, visibility]

        /// The metadata the form describes, over `base` (the slug is not the form's to change).
        /// The form holds every field (a blank one empties it) and `visibility` is a checkbox (unticked: internal).
        static func metadata(_ form: ParameterValues, over base: DatasetMetadata) throws -> DatasetMetadata {
            try DatasetMetadataInput(
                title: try form.text(title) ?? "", description: try form.text(description) ?? "", organization: try form.text(organization) ?? "",
                tags: DatasetMetadataInput.tags(from: try form.text(tags) ?? ""), license: try form.text(license),
                frequency: try form.text(frequency) ?? "", source: try form.text(source) ?? "", temporalCoverage: try form.text(temporal) ?? "",
                spatialCoverage: try form.text(spatial) ?? "", contact: try form.text(contact) ?? "",
                visibility: try form.text(visibility) == "public" ? "public" : "internal"
            ).apply(to: base)
        }
    }

    func register(on router: SecuredRouter) {
        router.get("/datasets/:slug/edit", .analyst, use: form)
        router.post("/datasets/:slug/edit", .analyst, parameters: Input.all, use: save)
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
        let base = try await record(context).metadata
        let form = try await request.formFields()
        var m = base
        do {
            m = try Input.metadata(form, over: base)
            try await catalog.updateMetadata(m, actor: context.principal?.login)
            return Response(status: .seeOther, headers: [.location: "/datasets/\(m.slug)"])
        } catch let error as MokminError {
            return render(m, request, context, error: error.message.text(context.language))
        }
    }
}
