import Foundation
import Hummingbird
import Logging
import MokminCore
import MokminServices
import Prometheus

/// Builds the router with every route and middleware. Tests call this and walk `router.routes` with `access`.
public func buildRouter(
    _ services: AppServices, views: Views, configuration: AppConfiguration = AppConfiguration(),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> (router: Router<AppRequestContext>, access: AccessTable) {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: metrics)))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware(views: views))
    if let staticDirectory = Bundle.module.resourceURL?.appendingPathComponent("Static").path {
        // The stylesheets and scripts shipped with Mokmin (no CDN: every page works offline), with ETag and a day of caching.
        router.add(
            middleware: FileMiddleware(
                staticDirectory, urlBasePath: "/static", cacheControl: CacheControl([(MediaType(type: .any), [.public, .maxAge(86_400)])])))
    }
    let methodNotAllowed = MethodNotAllowedMiddleware()
    router.add(middleware: methodNotAllowed)
    router.add(middleware: AuthenticationMiddleware(accounts: services.accounts))
    router.add(middleware: ResidentMiddleware(residents: services.residents, regions: services.regions))
    router.add(middleware: CSRFMiddleware())

    let table = AccessTable()
    let secured = SecuredRouter(router: router, table: table)
    HomeController(regions: services.regions, views: views).register(on: secured)
    AuthController(accounts: services.accounts, views: views).register(on: secured)
    RegionController(regions: services.regions, views: views).register(on: secured)
    AdminController(accounts: services.accounts, regions: services.regions, insideHosts: services.insideHosts, views: views).register(on: secured)
    AccountAPIController(accounts: services.accounts).register(on: secured)
    CKANController(catalog: services.catalog, publicURL: configuration.resolvedPublicURL).register(on: secured)
    ImportController(
        importer: services.importer, drafts: ImportDrafts(directory: configuration.uploadDirectory), views: views,
        maxUploadBytes: configuration.maxUploadBytes
    ).register(on: secured)
    DatasetController(catalog: services.catalog, regions: services.regions, views: views).register(on: secured)
    DatasetEditController(catalog: services.catalog, views: views).register(on: secured)
    HarvestController(harvests: services.harvests, views: views).register(on: secured)
    DatasetAPIController(
        catalog: services.catalog, importer: services.importer, uploads: configuration.uploadDirectory, maxUploadBytes: configuration.maxUploadBytes
    ).register(on: secured)
    BoardController(board: services.board, alerts: services.alerts, regions: services.regions, accounts: services.accounts, views: views)
        .register(on: secured)
    BoardAPIController(board: services.board, alerts: services.alerts).register(on: secured)
    StreamController(
        hub: services.hub, accounts: services.accounts, heartbeat: configuration.streamHeartbeat
    ).register(on: secured)
    FeedAPIController(feeds: services.feeds, alerts: services.alerts).register(on: secured)
    BoardAdminController(feeds: services.feeds, alerts: services.alerts, views: views).register(on: secured)
    AnalysisController(
        analyses: services.analyses, runner: services.analysisRunner, catalog: services.catalog, regions: services.regions, views: views
    ).register(on: secured)
    PlanController(plans: services.plans, views: views, pdf: PDFRenderer(), maxUploadBytes: configuration.maxUploadBytes).register(on: secured)
    PlanAPIController(plans: services.plans).register(on: secured)
    DepartmentController(plans: services.plans, accounts: services.accounts, views: views).register(on: secured)
    ParticipationController(residents: services.residents, polls: services.polls, budget: services.budget, regions: services.regions, views: views)
        .register(on: secured)
    ParticipationAdminController(
        residents: services.residents, polls: services.polls, budget: services.budget, regions: services.regions, views: views,
        maxUploadBytes: configuration.maxUploadBytes
    ).register(on: secured)
    ParticipationAPIController(polls: services.polls, budget: services.budget, regions: services.regions).register(on: secured)
    ProposalController(proposals: services.proposals, regions: services.regions, views: views).register(on: secured)
    OpenAPIController(table: table).register(on: secured)
    OperationsController(services: services, registry: metrics).register(on: secured)
    methodNotAllowed.methods.load(router.routes)
    return (router, table)
}

/// Builds the whole application on an opened, migrated database. `serve` and the tests both call this.
public func buildApplication(_ configuration: AppConfiguration, services: AppServices) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "mokmin")
    logger.logLevel = configuration.logLevel
    try await services.regions.reload()
    let views = try await Views.load()
    try FileManager.default.createDirectory(at: configuration.uploadDirectory, withIntermediateDirectories: true)
    let (router, _) = buildRouter(services, views: views, configuration: configuration)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mokmin"),
        logger: logger)
    app.addServices(services.hub, services.analysisRunner, services.outbound)
    if let sortIndexes = services.catalog.sortIndexes { app.addServices(sortIndexes) }
    if configuration.runsSchedules {
        app.addServices(
            services.schedules(retention: configuration.retention, drafts: ImportDrafts(directory: configuration.uploadDirectory), logger: logger))
    }
    return app
}
