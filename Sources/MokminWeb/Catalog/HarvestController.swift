import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// Harvest management: the admin page and the JSON API, with the same validation as the command line.
struct HarvestController {
    let harvests: HarvestService
    let views: Views

    /// The fields of the harvest form.
    enum Input {
        static let dataset = Parameter.text("dataset", max: 100, in: .form)
        static let url = Parameter.text("url", max: 2_000, in: .form)
        static let format = Parameter.choice("format", ["json", "csv", "tsv", "geojson"], in: .form)
        static let serviceKey = Parameter.text("service_key", max: 1_000, in: .form)
        static let keyParameter = Parameter.text("key_parameter", max: 100, in: .form)
        static let every = Parameter.integer("every", 1...525_600, in: .form)
        static let key = Parameter.text("key", max: 1_000, in: .form)
        static let all = [dataset, url, format, serviceKey, keyParameter, every, key]
    }

    func register(on router: SecuredRouter) {
        router.get("/admin/harvests", .admin, use: page)
        router.post("/admin/harvests", .admin, parameters: Input.all, use: addFromForm)
        router.post("/admin/harvests/:id/run", .admin, use: runFromForm)
        router.post("/admin/harvests/:id/remove", .admin, use: removeFromForm)
        router.get("/api/harvests", .admin, use: list)
        router.post("/api/harvests", .admin, use: addFromJSON)
        router.post("/api/harvests/:id/run", .admin, use: runFromJSON)
    }

    // MARK: Page

    func render(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let rows: [[String: Any]] = try await harvests.list().map { h in
            [
                "id": h.id, "dataset": h.datasetSlug, "url": h.url, "format": h.format, "every": h.intervalMinutes,
                "key": h.uniqueKey.joined(separator: ", "), "service_key": h.hasServiceKey,
                "last_run": h.lastRunAt.map(AdminController.format) ?? "–", "last_success": h.lastSuccessAt.map(AdminController.format) ?? "–",
                "rows_added": h.lastRowsAdded.map(String.init) ?? "–", "error": h.lastError ?? "",
            ]
        }
        var values = extra
        values["harvests"] = rows
        return views.page("admin_harvests", values, context: context, request: request, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response { try await render(request, context) }

    static func newHarvest(_ form: ParameterValues) throws -> NewHarvest {
        NewHarvest(
            datasetSlug: try form.text(Input.dataset) ?? "", url: try form.text(Input.url) ?? "", format: try form.text(Input.format) ?? "json",
            serviceKey: try form.text(Input.serviceKey), keyParameter: try form.text(Input.keyParameter) ?? "serviceKey",
            intervalMinutes: try form.integer(Input.every) ?? 0,
            uniqueKey: (try form.text(Input.key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    @Sendable func addFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        do {
            _ = try await harvests.add(try Self.newHarvest(form), actor: context.principal?.login)
            return Response(status: .seeOther, headers: [.location: "/admin/harvests"])
        } catch let error as MokminError {
            return try await render(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    @Sendable func runFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let result = try await harvests.run(id: id, actor: context.principal?.login)
            return try await render(request, context, extra: ["notice": "harvest \(id): +\(result.rowsAdded)"])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await render(request, context, extra: ["error": error.message.text(context.language)], status: .badGateway)
        }
    }

    @Sendable func removeFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await harvests.remove(id: id, actor: context.principal?.login, origin: context.clientAddress)
        return Response(status: .seeOther, headers: [.location: "/admin/harvests"])
    }

    // MARK: JSON API

    struct HarvestJSON: ResponseEncodable {
        var id: Int64
        var dataset: String
        var url: String
        var format: String
        var every_minutes: Int
        var key: [String]
        var service_key_set: Bool
        var last_run: Date?
        var last_success: Date?
        var last_error: String?
        var last_rows_added: Int?

        init(_ h: Harvest) {
            (id, dataset, url, format, every_minutes, key) = (h.id, h.datasetSlug, h.url, h.format, h.intervalMinutes, h.uniqueKey)
            (service_key_set, last_run, last_success, last_error, last_rows_added) = (h.hasServiceKey, h.lastRunAt, h.lastSuccessAt, h.lastError, h.lastRowsAdded)
        }
    }

    struct NewHarvestJSON: Decodable {
        var dataset: String
        var url: String
        var format: String?
        var every_minutes: Int
        var key: [String]
        var service_key: String?
        var key_parameter: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [HarvestJSON] {
        try await harvests.list().map(HarvestJSON.init)
    }

    @Sendable func addFromJSON(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HarvestJSON> {
        let input: NewHarvestJSON
        do {
            input = try await request.decode(as: NewHarvestJSON.self, context: context)
        } catch {
            throw MokminError(
                .invalidInput, ko: "JSON 본문에 dataset, url, every_minutes, key가 있어야 합니다",
                en: "The JSON body needs dataset, url, every_minutes and key")
        }
        let h = NewHarvest(
            datasetSlug: input.dataset, url: input.url, format: input.format ?? "json", serviceKey: input.service_key,
            keyParameter: input.key_parameter ?? "serviceKey", intervalMinutes: input.every_minutes, uniqueKey: input.key)
        return EditedResponse(status: .created, response: HarvestJSON(try await harvests.add(h, actor: context.principal?.login)))
    }

    struct RunJSON: ResponseEncodable {
        var rows_added: Int
        var version: Int?
    }

    @Sendable func runFromJSON(_ request: Request, context: AppRequestContext) async throws -> RunJSON {
        let result = try await harvests.run(id: try context.parameters.require("id", as: Int64.self), actor: context.principal?.login)
        return RunJSON(rows_added: result.rowsAdded, version: result.version)
    }
}
