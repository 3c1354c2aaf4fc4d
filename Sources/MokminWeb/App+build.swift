import Foundation
import Hummingbird
import Logging
import MokminCore
import MokminServices
import Prometheus

/// How the server is started: where it listens and which database it serves.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// bcrypt cost for new passwords (12 in production; tests lower it to stay fast).
    public var bcryptCost: UInt8
    public var logLevel: Logger.Level
    /// Where uploaded files wait for review before they are published (`<database>.uploads` for `serve`).
    public var uploadDirectory: URL
    /// The largest file an analyst may upload through the web.
    public var maxUploadBytes: Int
    /// Whether scheduled work (harvests, feeds, webhooks) runs in the background: on for `serve`, off in tests.
    public var runsSchedules = false
    /// How long the board keeps raw readings, hourly aggregates and stream events.
    public var retention = BoardRetention()
    /// The address people and clients reach the site at (`https://data.sejong.go.kr`), used in links the API hands
    /// out (CKAN's `help` and resource URLs). Nil: `http://host:port`. Never taken from a request's `Host` header.
    public var publicURL: String?
    /// Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR blocks). Behind a proxy every request
    /// comes from the proxy's address, so sign-in throttling and the audit log need the client's address from it.
    public var trustedProxies: [AddressBlock] = []

    /// How often a live stream gets a keep-alive line and its credential is checked again (tests shorten it).
    public var streamHeartbeat: Duration = .seconds(15)

    /// ``publicURL`` or the listening address, without a trailing slash.
    public var resolvedPublicURL: String {
        if let publicURL, !publicURL.isEmpty { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, logLevel: Logger.Level = .info,
        uploadDirectory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-uploads"),
        maxUploadBytes: Int = 2 << 30
    ) {
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.logLevel = logLevel
        self.uploadDirectory = uploadDirectory
        self.maxUploadBytes = maxUploadBytes
    }
}

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
        router.add(middleware: StaticFilesMiddleware(directory: staticDirectory))
    }
    let methodNotAllowed = MethodNotAllowedMiddleware()
    router.add(middleware: methodNotAllowed)
    router.add(middleware: AuthenticationMiddleware(accounts: services.accounts))
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
        hub: services.hub, events: services.board, accounts: services.accounts, heartbeat: configuration.streamHeartbeat
    ).register(on: secured)
    FeedAPIController(feeds: services.feeds, alerts: services.alerts).register(on: secured)
    BoardAdminController(feeds: services.feeds, alerts: services.alerts, views: views).register(on: secured)
    AnalysisController(
        analyses: services.analyses, runner: services.analysisRunner, catalog: services.catalog, regions: services.regions, views: views
    ).register(on: secured)
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
        app.addServices(services.schedules(retention: configuration.retention, logger: logger))
        app.addServices(
            MaintenanceService(
                services: services, drafts: ImportDrafts(directory: configuration.uploadDirectory), logger: logger))
    }
    return app
}
