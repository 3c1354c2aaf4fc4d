import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminIngest
import MokminServices

/// The analysts' import pages: upload a file, review the inferred columns and the metadata, then publish or cancel.
struct ImportController {
    let importer: ImportService
    let drafts: ImportDrafts
    let views: Views
    let maxUploadBytes: Int

    /// The upload form's fields (sent as multipart, checked with these) and the review form's.
    enum Input {
        static let format = Parameter.choice("format", ["auto"] + SourceFormat.allCases.map(\.rawValue), in: .form)
        static let encoding = Parameter.choice("encoding", ["auto", "utf-8", "cp949"], in: .form)
        static let sheet = Parameter.text("sheet", max: 100, in: .form)
        static let type = Parameter("type_", .choice(ColumnType.allCases.map(\.rawValue)), in: .form, family: true)
        static let skipBadRows = Parameter.flag("skip_bad_rows", in: .form)
        static let review = [DatasetEditController.Input.slug, type, skipBadRows] + DatasetEditController.Input.all
    }

    func register(on router: SecuredRouter) {
        router.get("/datasets/import", .analyst, use: form)
        router.post("/datasets/import", .analyst, parameters: [Input.format, Input.encoding, Input.sheet], use: upload)
        router.post("/datasets/import/:draft/publish", .analyst, parameters: Input.review, use: publish)
        router.post("/datasets/import/:draft/cancel", .analyst, use: cancel)
    }

    /// A multipart field checked like a form field.
    static func field(_ upload: MultipartReader.Upload, _ parameter: Parameter) throws -> String? {
        guard let raw = upload.fields[parameter.name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        return try parameter.check(raw)
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
            let requested = try Self.field(upload, Input.format).flatMap { $0 == "auto" ? nil : SourceFormat(rawValue: $0) }
            guard let format = requested ?? SourceFormat.guess(fileName: fileName) else {
                throw MokminError(
                    .invalidInput, ko: "'\(fileName)'의 형식을 알 수 없습니다. 형식을 고르세요", en: "Cannot tell the format of '\(fileName)': choose one")
            }
            let encoding = try Self.field(upload, Input.encoding).flatMap { $0 == "auto" ? nil : TextEncoding(name: $0) }
            let sheet = try Self.field(upload, Input.sheet)
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
    func review(_ draft: ImportDrafts.Draft, request: Request, context: AppRequestContext, values extra: [String: Any], form: ParameterValues? = nil)
        async throws -> Response
    {
        let plan = try await analyzed(draft)
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
        let chosenTypes = Dictionary((try? form?.family(Input.type)) ?? [], uniquingKeysWith: { first, _ in first })
        values["columns"] = plan.columns.enumerated().map { i, c -> [String: Any] in
            let chosen = chosenTypes[String(i)].flatMap(ColumnType.init(rawValue:)) ?? c.type
            return [
                "index": i, "name": c.name, "nulls": c.nullCount, "samples": c.sampleValues.joined(separator: " · "),
                "types": ColumnType.allCases.map { t in ["value": t.rawValue, "label": lang == "en" ? t.rawValue : t.koreanName, "selected": t == chosen] },
            ]
        }
        let base = (draft.fileName as NSString).deletingPathExtension
        let suggested = base.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        func typed(_ parameter: Parameter) -> String? { (try? form?.text(parameter)) ?? nil }
        let fields = DatasetEditController.Input.self
        values["slug"] = typed(fields.slug) ?? (suggested.count >= 2 ? suggested : "dataset-\(Int(Date().timeIntervalSince1970))")
        values["title"] = typed(fields.title) ?? base
        for parameter in [fields.description, fields.organization, fields.tags, fields.frequency, fields.source, fields.temporal, fields.spatial, fields.contact] {
            values[parameter.name] = typed(parameter) ?? ""
        }
        values["public_checked"] = typed(fields.visibility) == "public"
        let license = typed(fields.license) ?? DatasetLicense.kogl1.rawValue
        values["licenses"] = DatasetLicense.allCases.map { ["value": $0.rawValue, "label": $0.title, "selected": $0.rawValue == license] }
        return views.page("import_review", values, context: context, request: request, status: extra["error"] == nil ? .ok : .badRequest)
    }

    /// The draft's first-pass plan: read once, when the review page is first shown, and kept with the draft.
    func analyzed(_ draft: ImportDrafts.Draft) async throws -> ImportPlan {
        if let plan = drafts.plan(draft.id) { return plan }
        do {
            let plan = try await importer.analyze(
                importRequest(draft, metadata: DatasetMetadata(slug: "draft", title: "draft"), overrides: [:], skip: false, actor: nil))
            try drafts.savePlan(plan, for: draft.id)
            return plan
        } catch let error as ReadError {
            drafts.remove(draft.id)
            throw error.mokminError
        }
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let draft = try drafts.load(try context.parameters.require("draft"), for: context.principal)
        let form = try await request.formFields()
        var overrides: [String: ColumnType] = [:]
        let plan = try await analyzed(draft)
        let chosenTypes = Dictionary(try form.family(Input.type), uniquingKeysWith: { first, _ in first })
        for (i, column) in plan.columns.enumerated() {
            if let type = chosenTypes[String(i)].flatMap(ColumnType.init(rawValue:)), type != column.type { overrides[column.name] = type }
        }
        do {
            let slug = try form.text(DatasetEditController.Input.slug) ?? ""
            let metadata = try DatasetEditController.Input.metadata(form, over: DatasetMetadata(slug: slug, title: "", license: .kogl1))
            try DatasetRules.check(metadata)
            let outcome = try await importer.run(
                importRequest(draft, metadata: metadata, overrides: overrides, skip: try form.flag(Input.skipBadRows) ?? false, actor: context.principal?.login),
                analyzed: plan)
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
