import Foundation
import Hummingbird
import MokminAnalysis
import MokminBase
import MokminCore
import MokminDemo
import MokminServices

/// The analysis pages: start a run (analysts), follow its progress, see its map and tables, cancel, share with
/// officials, export. Runs execute in ``AnalysisRunner``, never in the request.
struct AnalysisController {
    let analyses: AnalysisService
    let runner: AnalysisRunner
    let catalog: CatalogService
    let regions: RegionService
    let views: Views

    /// The fields of the analysis forms (their ranges are the analyses' own, see `AnalysisParameters`) and the run
    /// pages' parameters.
    enum Input {
        static let title = Parameter.text("title", max: 200, in: .form)
        static let population = Parameter.text("population", max: 100, in: .form)
        static let chargers = Parameter.text("chargers", max: 100, in: .form)
        static let shelters = Parameter.text("shelters", max: 100, in: .form)
        static let candidates = Parameter.text("candidates", max: 100, in: .form)
        static let radius = Parameter.number("radius", AnalysisLimits.radiusMetres, in: .form)
        static let walk = Parameter.number("walk", AnalysisLimits.walkMetres, in: .form)
        static let p = Parameter.integer("p", AnalysisLimits.facilities, in: .form)
        static let k = Parameter.integer("k", AnalysisLimits.facilities, in: .form)
        static let fromHour = Parameter.integer("from_hour", 0...23, in: .form)
        static let toHour = Parameter.integer("to_hour", 0...23, in: .form)
        static let timeLimit = Parameter.number("time_limit", AnalysisLimits.timeLimitSeconds, in: .form)
        static let dayType = Parameter.choice("day_type", LivingPopulationCube.DayType.allCases.map(\.rawValue), in: .form)
        static let hour = Parameter.integer("hour", 0...24)
        static let area = Parameter.text("area", max: 20)
        static let exportFormat = Parameter.choice("format", ["json", "csv", "geojson"])
        static let ev = [title, population, chargers, candidates, radius, p, fromHour, toHour, timeLimit]
        static let shelter = [title, population, shelters, candidates, k, walk, fromHour, toHour, timeLimit]
        static let livingPopulation = [title, population, dayType]
    }

    func register(on router: SecuredRouter) {
        router.get("/analyses", .official, use: index)
        router.post("/analyses/ev", .analyst, parameters: Input.ev, use: startEV)
        router.post("/analyses/shelter", .analyst, parameters: Input.shelter, use: startShelter)
        router.post("/analyses/living-population", .analyst, parameters: Input.livingPopulation, use: startLivingPopulation)
        router.get("/analyses/runs/:id", .official, parameters: [Input.hour, Input.area], use: show)
        router.get("/analyses/runs/:id/map", .official, parameters: [Input.hour], use: map)
        router.get("/analyses/runs/:id/export", .official, parameters: [Input.exportFormat], use: export)
        router.post("/analyses/runs/:id/cancel", .analyst, use: cancel)
        router.post("/analyses/runs/:id/share", .analyst, use: share)
    }

    static func isAnalyst(_ context: AppRequestContext) -> Bool { AnalysisService.seesAllRuns(context.principal) }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderIndex(request, context)
    }

    func renderIndex(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let analyst = Self.isAnalyst(context)
        let runs = try await analyses.runs(for: context.principal)
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
    func start(_ request: Request, _ context: AppRequestContext, _ make: (ParameterValues) async throws -> AnalysisRun) async throws -> Response {
        do {
            let form = try await request.formFields()
            let run = try await make(form)
            await runner.submit(run.id)
            return Response(status: .seeOther, headers: [.location: "/analyses/runs/\(run.id)"])
        } catch let error as MokminError {
            return try await renderIndex(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    @Sendable func startEV(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let p = EVSitingParameters(
                population: try form.text(Input.population) ?? "", chargers: try form.text(Input.chargers) ?? "",
                candidates: try form.text(Input.candidates) ?? "", radiusMetres: try form.number(Input.radius) ?? 500, p: try form.integer(Input.p) ?? 10,
                fromHour: try form.integer(Input.fromHour) ?? 9, toHour: try form.integer(Input.toHour) ?? 21,
                timeLimit: try form.number(Input.timeLimit) ?? 30)
            return try await analyses.queueEVSiting(p, title: try form.text(Input.title), actor: context.principal?.login)
        }
    }

    @Sendable func startShelter(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let p = ShelterParameters(
                population: try form.text(Input.population) ?? "", shelters: try form.text(Input.shelters) ?? "",
                candidates: try form.text(Input.candidates), k: try form.integer(Input.k) ?? 3, walkMetres: try form.number(Input.walk) ?? 500,
                fromHour: try form.integer(Input.fromHour) ?? 2, toHour: try form.integer(Input.toHour) ?? 4,
                timeLimit: try form.number(Input.timeLimit) ?? 30)
            return try await analyses.queueShelter(p, title: try form.text(Input.title), actor: context.principal?.login)
        }
    }

    @Sendable func startLivingPopulation(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context) { form in
            let dayType = try form.text(Input.dayType).flatMap(LivingPopulationCube.DayType.init(rawValue:)) ?? .all
            return try await analyses.queueLivingPopulation(
                LivingPopulationParameters(dataset: try form.text(Input.population) ?? "", dayType: dayType), title: try form.text(Input.title),
                actor: context.principal?.login)
        }
    }

    /// The run, if the viewer may open it (officials see shared runs only).
    func visibleRun(_ context: AppRequestContext) async throws -> AnalysisRun {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await analyses.run(id: id, for: context.principal)
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
