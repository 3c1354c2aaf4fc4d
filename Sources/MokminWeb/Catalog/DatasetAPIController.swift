import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminGeo
import MokminIngest
import MokminServices

/// The data hub's own JSON API: search, dataset metadata and versions, rows, import (with a dry run) and metadata
/// edits. Documented in `/openapi.json`.
struct DatasetAPIController {
    let catalog: CatalogService
    let importer: ImportService
    let uploads: URL
    let maxUploadBytes: Int

    /// The parameters of the hub's JSON API (the same ranges are stated in `/openapi.json`).
    enum Input {
        static let text = Parameter.text("q", max: 200)
        static let organization = DatasetController.Input.organization
        static let tag = DatasetController.Input.tag
        static let format = DatasetController.Input.format
        static let license = DatasetController.Input.license
        static let searchOffset = Parameter.integer("offset", 0...100_000)
        static let searchLimit = Parameter.integer("limit", 1...1_000)
        static let filter = Parameter("filter.", .text(maxLength: 1_000), family: true)
        static let sort = Parameter.text("sort", max: 1_000)
        static let fields = Parameter.text("fields", max: 4_000)
        static let rowOffset = Parameter.integer("offset", 0...RowQuery.maxOffset)
        static let rowLimit = Parameter.integer("limit", 1...10_000)
        // Import
        static let sourceFormat = Parameter.choice("format", SourceFormat.allCases.map(\.rawValue))
        static let encoding = Parameter.choice("encoding", ["auto", "utf-8", "cp949"])
        static let type = Parameter("type.", .choice(ColumnType.allCases.map(\.rawValue)), family: true)
        static let title = Parameter.text("title", max: DatasetRules.maxTitle)
        static let description = Parameter.text("description", max: DatasetRules.maxDescription)
        static let tags = Parameter.text("tags", max: 1_000)
        static let licenseChoice = Parameter.choice("license", DatasetLicense.allCases.map(\.rawValue))
        static let visibility = Parameter.choice("visibility", Visibility.allCases.map(\.rawValue))
        static let fileName = Parameter.text("file_name", max: 255)
        static let sheet = Parameter.text("sheet", max: 100)
        static let skipBadRows = Parameter.flag("skip_bad_rows")
        static let dryRun = Parameter.flag("dry_run")
    }

    func register(on router: SecuredRouter) {
        router.get(
            "/api/datasets", .public,
            parameters: [Input.text, Input.organization, Input.tag, Input.format, Input.license, Input.searchOffset, Input.searchLimit], use: search)
        router.get("/api/datasets/:slug", .public, use: show)
        router.post("/api/datasets/:slug/metadata", .analyst, use: editMetadata)
        router.get(
            "/api/datasets/:slug/versions/:number/rows", .public,
            parameters: [Input.filter, Input.text, Input.sort, Input.fields, Input.rowOffset, Input.rowLimit], use: rows)
        router.post(
            "/api/datasets/:slug/import", .analyst,
            parameters: [
                Input.sourceFormat, Input.encoding, Input.type, Input.title, Input.description, Input.organization, Input.tags,
                Input.licenseChoice, Input.visibility, Input.fileName, Input.sheet, Input.skipBadRows, Input.dryRun,
            ], use: importFile)
    }

    struct MetadataJSON: Codable, ResponseEncodable {
        var slug: String
        var title: String
        var description: String?
        var organization: String?
        var tags: [String]?
        var license: String?
        var frequency: String?
        var source: String?
        var temporal_coverage: String?
        var spatial_coverage: String?
        var visibility: String?
        var contact: String?

        init(_ m: DatasetMetadata) {
            (slug, title, description, organization, tags, license) = (m.slug, m.title, m.description, m.organization, m.tags, m.license.rawValue)
            (frequency, source, temporal_coverage, spatial_coverage) = (m.frequency, m.source, m.temporalCoverage, m.spatialCoverage)
            (visibility, contact) = (m.visibility.rawValue, m.contact)
        }

        /// The fields as the one metadata input (the title is required here, so it is always given).
        var input: DatasetMetadataInput {
            DatasetMetadataInput(
                title: title, description: description, organization: organization, tags: tags, license: license, frequency: frequency,
                source: source, temporalCoverage: temporal_coverage, spatialCoverage: spatial_coverage, contact: contact, visibility: visibility)
        }
    }

    struct VersionJSON: ResponseEncodable {
        var number: Int
        var file_name: String
        var format: String
        var encoding: String
        var row_count: Int
        var rows_added: Int?
        var rows_removed: Int?
        var created_at: Date
        var created_by: String?
        var columns: [ColumnJSON]

        /// `showsUploader`: whether the reader may see who uploaded it (officials; never anonymous readers).
        init(_ v: DatasetVersion, showsUploader: Bool = true) {
            (number, file_name, format, encoding, row_count) = (v.number, v.fileName, v.format, v.encoding, v.rowCount)
            (rows_added, rows_removed, created_at) = (v.rowsAdded, v.rowsRemoved, v.createdAt)
            created_by = showsUploader ? v.createdBy : nil
            columns = v.columns.map { ColumnJSON(name: $0.label, type: $0.type.rawValue, null_count: $0.nullCount) }
        }
    }

    struct ColumnJSON: Codable {
        var name: String
        var type: String
        var null_count: Int
    }

    struct DatasetJSON: ResponseEncodable {
        var metadata: MetadataJSON
        var versions: [VersionJSON]
    }

    struct SearchJSON: ResponseEncodable {
        var total: Int
        var results: [MetadataJSON]
        var facets: [String: [String: Int]]
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> SearchJSON {
        let q = request.query
        let query = CatalogQuery(
            text: try q.text(Input.text) ?? "", organization: try q.text(Input.organization), tags: try q.all(Input.tag),
            format: try q.text(Input.format), license: try q.text(Input.license), offset: try q.integer(Input.searchOffset) ?? 0,
            limit: try q.integer(Input.searchLimit) ?? 20)
        let page = try await catalog.search(query, for: context.principal)
        return SearchJSON(
            total: page.total, results: page.results.map { MetadataJSON($0.metadata) },
            facets: page.facets.mapValues { Dictionary($0.map { ($0.name, $0.count) }, uniquingKeysWith: { a, _ in a }) })
    }

    func record(_ context: AppRequestContext) async throws -> DatasetRecord {
        let slug = try context.parameters.require("slug")
        guard let record = try await catalog.dataset(slug, for: context.principal) else {
            throw MokminError(.notFound, ko: "데이터셋이 없거나 볼 권한이 없습니다: \(slug)", en: "No such dataset, or you may not see it: \(slug)")
        }
        return record
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> DatasetJSON {
        let record = try await record(context)
        return DatasetJSON(
            metadata: MetadataJSON(record.metadata),
            versions: try await catalog.versions(of: record).map {
                VersionJSON($0, showsUploader: CatalogService.mayReadInternal(context.principal))
            })
    }

    @Sendable func editMetadata(_ request: Request, context: AppRequestContext) async throws -> MetadataJSON {
        let record = try await record(context)
        let input: MetadataJSON
        do {
            input = try await request.decode(as: MetadataJSON.self, context: context)
        } catch {
            throw MokminError(.invalidInput, ko: "JSON 본문에 slug와 title이 있어야 합니다", en: "The JSON body needs at least slug and title")
        }
        guard input.slug == record.metadata.slug else {
            throw MokminError(.invalidInput, ko: "slug는 바꿀 수 없습니다", en: "The slug cannot be changed")
        }
        let updated = try input.input.apply(to: record.metadata)
        try await catalog.updateMetadata(updated, actor: context.principal?.login)
        return MetadataJSON(updated)
    }

    struct RowsJSON: ResponseEncodable {
        var total: Int?
        var columns: [ColumnJSON]
        var rows: [[String: JSONValue]]
    }

    @Sendable func rows(_ request: Request, context: AppRequestContext) async throws -> RowsJSON {
        let record = try await record(context)
        let number = try context.parameters.require("number", as: Int.self)
        guard let version = try await catalog.versions(of: record).first(where: { $0.number == number }) else {
            throw MokminError(.notFound, ko: "\(number)번째 버전이 없습니다", en: "No version \(number)")
        }
        let q = request.query
        var filters: [String: String] = [:]
        for (column, value) in try q.family(Input.filter) { filters[column] = value }
        let sort = (try q.text(Input.sort) ?? "").split(separator: ",").map { part -> (column: String, descending: Bool) in
            part.hasPrefix("-") ? (String(part.dropFirst()), true) : (String(part), false)
        }
        var fields: [String] = []
        for name in (try q.text(Input.fields) ?? "").split(separator: ",").map(String.init) where !fields.contains(name) { fields.append(name) }
        let page = try await catalog.rows(
            of: version,
            query: RowQuery(
                filters: filters, text: try q.text(Input.text), sort: sort, fields: fields, offset: try q.integer(Input.rowOffset) ?? 0,
                limit: try q.integer(Input.rowLimit) ?? 100),
            for: context.principal)
        let labels = page.columns.map(\.label)
        return RowsJSON(
            total: page.total, columns: page.columns.map { ColumnJSON(name: $0.label, type: $0.type.rawValue, null_count: $0.nullCount) },
            rows: page.rows.map { row in Dictionary(zip(labels, row.map(\.jsonValue)), uniquingKeysWith: { first, _ in first }) })
    }
}
