import Foundation
import HTTPTypes
import Hummingbird
import MokminCore
import MokminIngest
import MokminServices
import MokminStore

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
        let q = request.uri.queryParameters
        let contentType = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let format = q["format"].flatMap({ SourceFormat(rawValue: String($0)) }) ?? Self.formatsByContentType[contentType] else {
            throw MokminError(
                .invalidInput, ko: "형식을 알 수 없습니다: ?format=csv|tsv|json|geojson|xlsx 또는 Content-Type을 주세요",
                en: "Unknown format: give ?format=csv|tsv|json|geojson|xlsx or a matching Content-Type")
        }
        var encoding: TextEncoding?
        if let raw = q["encoding"], raw != "auto" {
            guard let e = TextEncoding(name: String(raw)) else {
                throw MokminError(.invalidInput, ko: "encoding은 auto, utf-8, cp949입니다", en: "encoding must be auto, utf-8 or cp949")
            }
            encoding = e
        }
        var overrides: [String: ColumnType] = [:]
        for (key, value) in q where key.hasPrefix("type.") {
            guard let type = ColumnType(rawValue: String(value)) else {
                throw MokminError(.invalidInput, ko: "알 수 없는 형: \(value)", en: "Unknown type: \(value)")
            }
            let column = String(key.dropFirst(5))
            overrides[column.removingPercentEncoding ?? column] = type
        }
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

        let existing = try await catalog.datasets.dataset(slug: slug)?.metadata
        var metadata = existing ?? DatasetMetadata(slug: slug, title: q["title"].map(String.init) ?? slug)
        if let title = q["title"] { metadata.title = String(title) }
        if let description = q["description"] { metadata.description = String(description) }
        if let organization = q["organization"] { metadata.organization = String(organization) }
        if let tags = q["tags"] { metadata.tags = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if let license = q["license"] {
            guard let l = DatasetLicense(rawValue: String(license)) else {
                throw MokminError(.invalidInput, ko: "알 수 없는 이용허락: \(license)", en: "Unknown licence: \(license)")
            }
            metadata.license = l
        }
        if let visibility = q["visibility"] {
            guard let v = Visibility(rawValue: String(visibility)) else {
                throw MokminError(.invalidInput, ko: "visibility는 public 또는 internal입니다", en: "visibility must be public or internal")
            }
            metadata.visibility = v
        }
        try DatasetRules.check(metadata)
        let importRequest = ImportService.Request(
            file: file, fileName: q["file_name"].map(String.init) ?? "\(slug).\(format.rawValue)", metadata: metadata,
            options: ReaderOptions(format: format, encoding: encoding, sheet: q["sheet"].map(String.init)), typeOverrides: overrides,
            skipBadRows: q["skip_bad_rows"] == "true", actor: context.principal?.login)
        do {
            if q["dry_run"] == "true" {
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
                    published: outcome.version != nil, version: outcome.version.map(VersionJSON.init),
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
