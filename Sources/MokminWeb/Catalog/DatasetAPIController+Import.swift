import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminIngest
import MokminServices

extension DatasetAPIController {
    struct ImportJSON: ResponseEncodable {
        var published: Bool
        var version: VersionJSON?
        var columns: [ColumnJSON]
        var rows_read: Int?
        var rows_published: Int
        var rows_rejected: Int
        var rejected: [IssueJSON]
        var region_linked: Int
        var region_unmatched: Int
    }

    struct IssueJSON: Codable {
        var line: Int
        var column: String?
        var message: String
        var message_en: String
    }

    static let formatsByContentType: [String: SourceFormat] = [
        "text/csv": .csv, "text/tab-separated-values": .tsv, "application/json": .json, "application/geo+json": .geojson,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .xlsx,
    ]

    /// `POST /api/datasets/{slug}/import`: the request body is the file. `?dry_run=true` only infers the columns.
    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ImportJSON> {
        let slug = try context.parameters.require("slug")
        let q = request.query
        let contentType = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let format = try q.text(Input.sourceFormat).flatMap(SourceFormat.init(rawValue:)) ?? Self.formatsByContentType[contentType] else {
            throw MokminError(
                .invalidInput, ko: "형식을 알 수 없습니다: ?format=csv|tsv|json|geojson|xlsx 또는 Content-Type을 주세요",
                en: "Unknown format: give ?format=csv|tsv|json|geojson|xlsx or a matching Content-Type")
        }
        let encoding = try q.text(Input.encoding).flatMap { $0 == "auto" ? nil : TextEncoding(name: $0) }
        var overrides: [String: ColumnType] = [:]
        for (column, value) in try q.family(Input.type) { overrides[column] = ColumnType(rawValue: value) }
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let file = uploads.appendingPathComponent("api-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: file) }
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var size = 0
        for try await chunk in request.body {
            size += chunk.readableBytes
            guard size <= maxUploadBytes else {
                try? handle.close()
                throw HTTPError(.contentTooLarge, message: "파일이 너무 큽니다 / The file is too large")
            }
            handle.write(Data(buffer: chunk))
        }
        try handle.close()
        guard size > 0 else { throw MokminError(.invalidInput, ko: "본문(파일)이 비어 있습니다", en: "The request body (the file) is empty") }

        let existing = try await catalog.metadata(slug: slug)
        let title = try q.text(Input.title)
        let metadata = try DatasetMetadataInput(
            title: title, description: try q.text(Input.description), organization: try q.text(Input.organization),
            tags: try q.text(Input.tags).map(DatasetMetadataInput.tags(from:)), license: try q.text(Input.licenseChoice),
            visibility: try q.text(Input.visibility)
        ).apply(to: existing ?? DatasetMetadata(slug: slug, title: title ?? slug))
        try DatasetRules.check(metadata)
        let importRequest = ImportService.Request(
            file: file, fileName: try q.text(Input.fileName) ?? "\(slug).\(format.rawValue)", metadata: metadata,
            options: ReaderOptions(format: format, encoding: encoding, sheet: try q.text(Input.sheet)), typeOverrides: overrides,
            skipBadRows: try q.flag(Input.skipBadRows) ?? false, actor: context.principal?.login)
        do {
            if try q.flag(Input.dryRun) == true {
                let plan = try await importer.analyze(importRequest)
                return EditedResponse(
                    status: .ok,
                    response: ImportJSON(
                        published: false, version: nil, columns: plan.columns.map { ColumnJSON(name: $0.name, type: $0.type.rawValue, null_count: $0.nullCount) },
                        rows_read: plan.rowsRead, rows_published: 0, rows_rejected: plan.readIssues.count, rejected: plan.readIssues.prefix(1000).map(Self.issue),
                        region_linked: 0, region_unmatched: 0))
            }
            let outcome = try await importer.run(importRequest)
            let report = outcome.report
            return EditedResponse(
                status: outcome.version == nil ? .unprocessableContent : .created,
                response: ImportJSON(
                    published: outcome.version != nil, version: outcome.version.map { VersionJSON($0) },
                    columns: report.columns.map { ColumnJSON(name: $0.name, type: $0.type.rawValue, null_count: $0.nullCount) }, rows_read: nil,
                    rows_published: report.published, rows_rejected: report.rejected, rejected: report.issues.map(Self.issue),
                    region_linked: report.regionLinked, region_unmatched: report.regionUnmatched))
        } catch let error as ReadError {
            throw error.mokminError
        }
    }

    static func issue(_ i: RowIssue) -> IssueJSON {
        IssueJSON(line: i.line, column: i.column, message: i.reason.ko, message_en: i.reason.en)
    }
}
