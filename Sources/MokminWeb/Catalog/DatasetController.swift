import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminGeo
import MokminServices

/// The catalog pages: search with facets, a dataset's page (metadata, versions, profile, preview, map) and downloads.
struct DatasetController {
    let catalog: CatalogService
    let regions: RegionService
    let views: Views
    static let pageSize = 20
    static let previewSize = 25

    /// The parameters of the catalog pages.
    enum Input {
        static let text = Parameter.text("q", max: 200)
        static let organization = Parameter.text("organization", max: 200)
        static let tag = Parameter.text("tag", max: 100, repeatable: true)
        static let format = Parameter.text("format", max: 20)
        static let license = Parameter.text("license", max: 50)
        /// 10,000 pages of 20 is far past any catalog; the page count is shown.
        static let page = Parameter.integer("page", 1...10_000)
        static let version = Parameter.integer("version", 1...1_000_000)
        /// 4,000 pages of 25 rows: deeper rows are for downloads and the API.
        static let previewPage = Parameter.integer("page", 1...4_000)
        static let sort = Parameter.text("sort", max: 200)
        static let descending = Parameter.flag("desc")
        static let filterColumn = Parameter.text("fcol", max: 200)
        static let filterValue = Parameter.text("fval", max: 1_000)
        static let downloadFormat = Parameter.choice("format", DatasetExporter.Format.allCases.map(\.rawValue))
        static let encoding = Parameter.choice("encoding", ["utf-8", "cp949"])
    }

    func register(on router: SecuredRouter) {
        router.get(
            "/datasets", .public, parameters: [Input.text, Input.organization, Input.tag, Input.format, Input.license, Input.page], use: list)
        router.get(
            "/datasets/:slug", .public,
            parameters: [Input.version, Input.previewPage, Input.sort, Input.descending, Input.filterColumn, Input.filterValue, Input.text],
            use: show)
        router.get("/datasets/:slug/download", .public, parameters: [Input.version, Input.downloadFormat, Input.encoding], use: download)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let q = request.query
        let page = try q.integer(Input.page) ?? 1
        let query = CatalogQuery(
            text: try q.text(Input.text) ?? "", organization: try q.text(Input.organization), tags: try q.all(Input.tag),
            format: try q.text(Input.format), license: try q.text(Input.license), offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        let result = try await catalog.search(query, for: context.principal)
        let lang = context.language
        func link(_ key: String, _ value: String) -> String {
            var params: [String: String] = [
                "q": query.text, "organization": query.organization ?? "", "format": query.format ?? "", "license": query.license ?? "",
            ]
            params[key] = value
            var parts: [String] = []
            for (k, v) in params.sorted(by: { $0.key < $1.key }) where !v.isEmpty && k != "tag" {
                parts.append("\(k)=\(URLText.component(v))")
            }
            for tag in key == "tag" ? [value] : query.tags { parts.append("tag=\(URLText.component(tag))") }
            return "/datasets?" + parts.joined(separator: "&")
        }
        let facetNames = ["organization": Strings.text("organization", lang), "tags": Strings.text("tags", lang), "res_format": Strings.text("format", lang), "license_id": Strings.text("license", lang)]
        let facetKeys = ["organization": "organization", "tags": "tag", "res_format": "format", "license_id": "license"]
        let facets: [[String: Any]] = ["organization", "tags", "res_format", "license_id"].compactMap { name in
            guard let items = result.facets[name], !items.isEmpty else { return nil }
            return [
                "title": facetNames[name]!,
                "items": items.prefix(12).map { item -> [String: Any] in
                    let label = name == "license_id" ? (DatasetLicense(rawValue: item.name)?.title ?? item.name) : item.name
                    return ["name": label, "count": item.count, "href": link(facetKeys[name]!, item.name)]
                },
            ]
        }
        let rows: [[String: Any]] = result.results.map { record in
            [
                "slug": record.metadata.slug, "title": record.metadata.title, "organization": record.metadata.organization,
                "description": String(record.metadata.description.prefix(160)), "tags": record.metadata.tags,
                "internal": record.metadata.visibility == .internal, "format": record.latest?.format.uppercased() ?? "",
                "rows": record.latest?.rowCount ?? 0, "updated": AdminController.format(record.updatedAt),
            ]
        }
        let pages = (result.total + Self.pageSize - 1) / Self.pageSize
        var values: [String: Any] = [
            "q": query.text, "total": result.total, "results": rows, "facets": facets, "page": page, "pages": max(pages, 1),
            "active_filters": [query.organization, query.format, query.license].compactMap { $0 } + query.tags,
            "has_filters": query.organization != nil || query.format != nil || query.license != nil || !query.tags.isEmpty,
            "may_import": (context.principal?.role ?? .official) >= .analyst && context.principal?.isDisplayOnly == false,
        ]
        if page > 1 { values["prev_href"] = link("page", String(page - 1)) }
        if page < pages { values["next_href"] = link("page", String(page + 1)) }
        return views.page("datasets", values, context: context, request: request)
    }

    func record(_ context: AppRequestContext) async throws -> DatasetRecord {
        let slug = try context.parameters.require("slug")
        guard let record = try await catalog.dataset(slug, for: context.principal) else {
            throw MokminError(.notFound, ko: "데이터셋이 없거나 볼 권한이 없습니다: \(slug)", en: "No such dataset, or you may not see it: \(slug)")
        }
        return record
    }

    func version(_ record: DatasetRecord, _ request: Request) async throws -> (DatasetVersion, [DatasetVersion]) {
        let versions = try await catalog.versions(of: record)
        guard !versions.isEmpty else {
            throw MokminError(.notFound, ko: "아직 게시된 버전이 없습니다", en: "No version has been published yet")
        }
        if let wanted = try request.query.integer(Input.version) {
            guard let v = versions.first(where: { $0.number == wanted }) else {
                throw MokminError(.notFound, ko: "\(wanted)번째 버전이 없습니다", en: "No version \(wanted)")
            }
            return (v, versions)
        }
        return (versions[0], versions)
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await record(context)
        let (version, _) = try await version(record, request)
        let format = try request.query.text(Input.downloadFormat).flatMap(DatasetExporter.Format.init(rawValue:)) ?? .csv
        let cp949 = try request.query.text(Input.encoding) == "cp949"
        let exporter = DatasetExporter(catalog: catalog, version: version, format: format, cp949: cp949 && format == .csv)
        let name = "\(record.metadata.slug)-v\(version.number).\(format.rawValue)"
        return Response(
            status: .ok,
            headers: [.contentType: exporter.contentType, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: exporter.body())
    }
}
