import Foundation
import Hummingbird
import MokminAnalysis
import MokminCore
import MokminServices
import MokminStore

/// The analysis pages: start a run (analysts), follow its progress, see its map and tables, cancel, share with
/// officials, export. Runs execute in ``AnalysisRunner``, never in the request.
struct AnalysisController {
    let analyses: AnalysisService
    let runner: AnalysisRunner
    let catalog: CatalogService
    let regions: RegionService
    let views: Views

    func register(on router: SecuredRouter) {
        router.get("/analyses", .official, use: index)
        router.post("/analyses/ev", .analyst, use: startEV)
        router.post("/analyses/shelter", .analyst, use: startShelter)
        router.post("/analyses/living-population", .analyst, use: startLivingPopulation)
        router.get("/analyses/runs/:id", .official, use: show)
        router.get("/analyses/runs/:id/map", .official, use: map)
        router.get("/analyses/runs/:id/export", .official, use: export)
        router.post("/analyses/runs/:id/cancel", .analyst, use: cancel)
        router.post("/analyses/runs/:id/share", .analyst, use: share)
    }

    static func isAnalyst(_ context: AppRequestContext) -> Bool {
        guard let p = context.principal, !p.isDisplayOnly else { return false }
        return p.role >= .analyst
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderIndex(request, context)
    }

    func renderIndex(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let analyst = Self.isAnalyst(context)
        let runs = try await analyses.runs.list(sharedOnly: !analyst, limit: 100)
        var values = extra
        values["runs"] = runs.map { Self.row($0, language: context.language) }
        values["empty"] = runs.isEmpty
        values["is_analyst"] = analyst
        if analyst {
            let page = try await catalog.search(CatalogQuery(sort: .titleAscending, limit: 200), for: context.principal)
            let slugs = page.results.map(\.metadata.slug).sorted()
            func options(_ preferred: String) -> [[String: Any]] {
                slugs.map { ["slug": $0, "selected": $0 == preferred] }
            }
            values["population_options"] = options(AnalysisDemo.livingPopulation)
            values["charger_options"] = options(AnalysisDemo.chargers)
            values["shelter_options"] = options(AnalysisDemo.shelters)
            values["candidate_options"] = options(AnalysisDemo.parkingLots)
        }
        return views.page("analyses", values, context: context, request: request, status: status)
    }

    static func row(_ run: AnalysisRun, language: String) -> [String: Any] {
        [
            "id": run.id, "title": run.title, "kind": kindName(run.kind, language), "status": run.status.rawValue,
            "status_name": statusName(run.status, language), "created": AdminController.format(run.createdAt), "by": run.createdBy ?? "–",
            "shared": run.shared, "progress": Int((run.progress * 100).rounded()),
        ]
    }

    static func kindName(_ kind: AnalysisRun.Kind, _ language: String) -> String {
        let names: [AnalysisRun.Kind: (String, String)] = [
            .livingPopulation: ("생활인구", "Living population"), .evSiting: ("전기차 충전소 입지", "EV-charger siting"),
            .shelter: ("지진 옥외대피소", "Earthquake shelters"),
        ]
        let name = names[kind] ?? ("", "")
        return language == "en" ? name.1 : name.0
    }

    static func statusName(_ status: AnalysisRun.Status, _ language: String) -> String {
        let names: [AnalysisRun.Status: (String, String)] = [
            .queued: ("대기", "Queued"), .running: ("실행 중", "Running"), .done: ("완료", "Done"), .failed: ("실패", "Failed"),
            .cancelled: ("취소", "Cancelled"),
        ]
        let name = names[status] ?? ("", "")
        return language == "en" ? name.1 : name.0
    }

    /// Queues a run built from the form and hands it to the runner; a refusal shows the page again with the reason.
    func start(_ request: Request, _ context: AppRequestContext, _ make: (FormFields) async throws -> AnalysisRun) async throws -> Response {
        let form = try await AdminController.form(request, context)
        do {
            let run = try await make(form)
            await runner.submit(run.id)
            return Response(status: .seeOther, headers: [.location: "/analyses/runs/\(run.id)"])
        } catch let error as MokminError {
            return try await renderIndex(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    static func number(_ form: FormFields, _ name: String, _ fallback: Double) throws -> Double {
        guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
        guard let value = Double(text) else {
            throw MokminError(.invalidInput, ko: "\(name)은(는) 숫자여야 합니다: \(text)", en: "\(name) must be a number: \(text)")
        }
        return value
    }

    static func title(_ form: FormFields) -> String? { form["title"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }

    @Sendable func startEV(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let p = EVSitingParameters(
                population: form["population"] ?? "", chargers: form["chargers"] ?? "", candidates: form["candidates"] ?? "",
                radiusMetres: try Self.number(form, "radius", 500), p: Int(try Self.number(form, "p", 10)), fromHour: Int(try Self.number(form, "from_hour", 9)),
                toHour: Int(try Self.number(form, "to_hour", 21)), timeLimit: try Self.number(form, "time_limit", 30))
            return try await analyses.queueEVSiting(p, title: Self.title(form), actor: context.principal?.login)
        }
    }

    @Sendable func startShelter(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let candidates = form["candidates"].flatMap { $0.isEmpty ? nil : $0 }
            let p = ShelterParameters(
                population: form["population"] ?? "", shelters: form["shelters"] ?? "", candidates: candidates, k: Int(try Self.number(form, "k", 3)),
                walkMetres: try Self.number(form, "walk", 500), fromHour: Int(try Self.number(form, "from_hour", 2)),
                toHour: Int(try Self.number(form, "to_hour", 4)), timeLimit: try Self.number(form, "time_limit", 30))
            return try await analyses.queueShelter(p, title: Self.title(form), actor: context.principal?.login)
        }
    }

    @Sendable func startLivingPopulation(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let dayType = LivingPopulationCube.DayType(rawValue: form["day_type"] ?? "all") ?? .all
            return try await analyses.queueLivingPopulation(
                LivingPopulationParameters(dataset: form["population"] ?? "", dayType: dayType), title: Self.title(form),
                actor: context.principal?.login)
        }
    }

    /// The run, if the viewer may open it (officials see shared runs only).
    func visibleRun(_ context: AppRequestContext) async throws -> AnalysisRun {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let run = try await analyses.runs.run(id: id), run.shared || Self.isAnalyst(context) else {
            throw MokminError(.notFound, ko: "없는 분석입니다: \(id)", en: "No such analysis run: \(id)")
        }
        return run
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let run = try await visibleRun(context)
        _ = try await analyses.cancel(run.id, actor: context.principal?.login)
        return Response(status: .seeOther, headers: [.location: "/analyses/runs/\(run.id)"])
    }

    @Sendable func share(_ request: Request, context: AppRequestContext) async throws -> Response {
        let run = try await visibleRun(context)
        try await analyses.share(run.id, shared: !run.shared, actor: context.principal?.login)
        return Response(status: .seeOther, headers: [.location: "/analyses/runs/\(run.id)"])
    }
}
