import Foundation
import HTTPTypes
import Hummingbird
import MokminCore
import MokminIngest
import MokminServices
import MokminStore

/// The analysts' import pages: upload a file, review the inferred columns and the metadata, then publish or cancel.
struct ImportController {
    let importer: ImportService
    let drafts: ImportDrafts
    let views: Views
    let maxUploadBytes: Int

    func register(on router: SecuredRouter) {
        router.get("/datasets/import", .analyst, use: form)
        router.post("/datasets/import", .analyst, use: upload)
        router.post("/datasets/import/:draft/publish", .analyst, use: publish)
        router.post("/datasets/import/:draft/cancel", .analyst, use: cancel)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        views.page("import_upload", ["formats": SourceFormat.allCases.map(\.rawValue)], context: context, request: request)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "파일을 양식(multipart/form-data)으로 올려야 합니다", en: "Upload the file with the form (multipart/form-data)")
        }
        let id = try drafts.create()
        do {
            let upload = try await reader.read(request.body, fileTo: drafts.dataFile(id), maxFileBytes: maxUploadBytes)
            guard let fileName = upload.fileName, !fileName.isEmpty, upload.fileSize > 0 else {
                throw MokminError(.invalidInput, ko: "올릴 파일을 고르세요", en: "Choose a file to upload")
            }
            let requested = upload.fields["format"].flatMap { $0 == "auto" ? nil : SourceFormat(rawValue: $0) }
            guard let format = requested ?? SourceFormat.guess(fileName: fileName) else {
                throw MokminError(
                    .invalidInput, ko: "'\(fileName)'의 형식을 알 수 없습니다. 형식을 고르세요", en: "Cannot tell the format of '\(fileName)': choose one")
            }
            let encoding = upload.fields["encoding"].flatMap { $0 == "auto" ? nil : TextEncoding(name: $0) }
            let sheet = upload.fields["sheet"].flatMap { $0.isEmpty ? nil : $0 }
            let draft = ImportDrafts.Draft(
                id: id, fileName: fileName, format: format.rawValue, encoding: encoding?.rawValue, sheet: sheet, uploader: context.principal!.login,
                createdAt: Date())
            try drafts.save(draft)
            return try await review(draft, request: request, context: context, values: [:])
        } catch {
            drafts.remove(id)
            throw error
        }
    }

    func importRequest(_ draft: ImportDrafts.Draft, metadata: DatasetMetadata, overrides: [String: ColumnType], skip: Bool, actor: String?)
        -> ImportService.Request
    {
        ImportService.Request(
            file: drafts.dataFile(draft.id), fileName: draft.fileName, metadata: metadata,
            options: ReaderOptions(format: SourceFormat(rawValue: draft.format) ?? .csv, encoding: draft.encoding.flatMap(TextEncoding.init(rawValue:)), sheet: draft.sheet),
            typeOverrides: overrides, skipBadRows: skip, actor: actor)
    }

    /// The review page: inferred columns with type choices, read problems, and the metadata form.
    func review(_ draft: ImportDrafts.Draft, request: Request, context: AppRequestContext, values extra: [String: Any], form: FormFields? = nil)
        async throws -> Response
    {
        let plan: ImportPlan
        do {
            plan = try await importer.analyze(importRequest(draft, metadata: DatasetMetadata(slug: "draft", title: "draft"), overrides: [:], skip: false, actor: nil))
        } catch let error as ReadError {
            drafts.remove(draft.id)
            throw error.mokminError
        }
        let lang = context.language
        var values = extra
        values["draft"] = draft.id
        values["file_name"] = draft.fileName
        values["format"] = draft.format.uppercased()
        values["encoding"] = plan.encoding.rawValue
        values["rows_read"] = plan.rowsRead
        values["read_issues"] = plan.readIssues.prefix(100).map(\.description)
        values["read_issue_count"] = plan.readIssues.count
        values["has_read_issues"] = !plan.readIssues.isEmpty
        values["has_rejected"] = (extra["rejected"] as? Int ?? 0) > 0
        values["columns"] = plan.columns.enumerated().map { i, c -> [String: Any] in
            let chosen = form?["type_\(i)"].flatMap(ColumnType.init(rawValue:)) ?? c.type
            return [
                "index": i, "name": c.name, "nulls": c.nullCount, "samples": c.sampleValues.joined(separator: " · "),
                "types": ColumnType.allCases.map { t in ["value": t.rawValue, "label": lang == "en" ? t.rawValue : t.koreanName, "selected": t == chosen] },
            ]
        }
        let base = (draft.fileName as NSString).deletingPathExtension
        let suggested = base.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        values["slug"] = form?["slug"] ?? (suggested.count >= 2 ? suggested : "dataset-\(Int(Date().timeIntervalSince1970))")
        values["title"] = form?["title"] ?? base
        for key in ["description", "organization", "tags", "frequency", "source", "temporal", "spatial", "contact"] { values[key] = form?[key] ?? "" }
        values["public_checked"] = form?["visibility"] == "public"
        values["licenses"] = DatasetLicense.allCases.map { ["value": $0.rawValue, "label": $0.title, "selected": $0.rawValue == (form?["license"] ?? "KOGL-1")] }
        return views.page("import_review", values, context: context, request: request, status: extra["error"] == nil ? .ok : .badRequest)
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let draft = try drafts.load(try context.parameters.require("draft"), for: context.principal)
        let form = try await AdminController.form(request, context)
        var overrides: [String: ColumnType] = [:]
        let plan = try await importer.analyze(importRequest(draft, metadata: DatasetMetadata(slug: "draft", title: "draft"), overrides: [:], skip: false, actor: nil))
        for (i, column) in plan.columns.enumerated() {
            if let raw = form["type_\(i)"], let type = ColumnType(rawValue: raw), type != column.type { overrides[column.name] = type }
        }
        let metadata = DatasetMetadata(
            slug: (form["slug"] ?? "").trimmingCharacters(in: .whitespaces), title: form["title"] ?? "", description: form["description"] ?? "",
            organization: (form["organization"] ?? "").trimmingCharacters(in: .whitespaces),
            tags: (form["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            license: DatasetLicense(rawValue: form["license"] ?? "") ?? .kogl1, frequency: form["frequency"] ?? "", source: form["source"] ?? "",
            temporalCoverage: form["temporal"] ?? "", spatialCoverage: form["spatial"] ?? "",
            visibility: form["visibility"] == "public" ? .public : .internal, contact: form["contact"] ?? "")
        do {
            try DatasetRules.check(metadata)
            let outcome = try await importer.run(importRequest(draft, metadata: metadata, overrides: overrides, skip: form["skip_bad_rows"] != nil, actor: context.principal?.login))
            guard let version = outcome.version else {
                return try await review(
                    draft, request: request, context: context,
                    values: [
                        "rejected": outcome.report.rejected, "rejected_rows": outcome.report.issues.prefix(200).map(\.description),
                        "error": Strings.text("rows_rejected", context.language),
                    ], form: form)
            }
            drafts.remove(draft.id)
            return Response(status: .seeOther, headers: [.location: "/datasets/\(metadata.slug)?version=\(version.number)"])
        } catch let error as MokminError {
            return try await review(draft, request: request, context: context, values: ["error": error.message.text(context.language)], form: form)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let draft = try drafts.load(try context.parameters.require("draft"), for: context.principal)
        drafts.remove(draft.id)
        return Response(status: .seeOther, headers: [.location: "/datasets"])
    }
}
