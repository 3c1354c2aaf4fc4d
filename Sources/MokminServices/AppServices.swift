import Foundation
import MokminCore
import Logging
import MokminStore
import ServiceLifecycle

/// Everything the routes need, built once per application.
public struct AppServices: Sendable {
    let database: AppDatabase
    let repositories: Repositories
    public let accounts: AccountService
    public let regions: RegionService
    public let catalog: CatalogService
    public let importer: ImportService
    public let harvests: HarvestService
    public let hub: BoardHub
    public let alerts: AlertService
    public let feeds: FeedService
    public let board: BoardService
    public let analyses: AnalysisService
    public let analysisRunner: AnalysisRunner
    public let plans: PlanService
    public let residents: ResidentService
    public let polls: PollService
    public let budget: BudgetService
    public let proposals: ProposalService
    /// The one HTTP client for feeds, harvests and webhooks (a service of the application, shut down with it).
    public let outbound: OutboundHTTP
    /// The admin setting that lets outbound requests reach chosen inside hosts.
    public let insideHosts: InsideHostsSetting

    /// The services on the SQLite database at `path` (created and migrated as needed).
    /// `simulator` answers the demo's `simulator:` feeds (the command line gives the demo city's).
    public init(path: String, bcryptCost: UInt8 = 12, simulator: (any FeedSimulator)? = nil) throws {
        self.init(database: try AppDatabase(path: path), bcryptCost: bcryptCost, simulator: simulator)
    }

    /// The services on a new in-memory database (for commands that only read the bundled registry).
    public static func inMemory() throws -> AppServices { AppServices(database: try AppDatabase.inMemory()) }

    /// Whether the database answers (`/health`).
    public func ping() async throws { try await database.ping() }

    /// The database's size on disk with its write-ahead log (`/metrics`).
    public func databaseSize() async throws -> Int64 { try await database.sizeInBytes() }

    /// Closes the database (at the end of `serve`).
    public func close() throws { try database.close() }

    /// `resolver` answers the outbound policy's host lookups (tests give fixed answers).
    public init(database: AppDatabase, bcryptCost: UInt8 = 12, resolver: HostResolver = .system, simulator: (any FeedSimulator)? = nil) {
        self.database = database
        self.repositories = .grdb(database)
        self.insideHosts = InsideHostsSetting(settings: repositories.settings)
        self.outbound = OutboundHTTP(settings: repositories.settings, resolver: resolver)
        self.accounts = AccountService(repositories: repositories, hasher: PasswordHasher(cost: bcryptCost))
        self.regions = RegionService(repositories: repositories)
        self.catalog = CatalogService(datasets: repositories.datasets, sortIndexes: SortIndexBuilder(datasets: repositories.datasets))
        self.plans = PlanService(plans: repositories.plans, datasets: repositories.datasets)
        self.residents = ResidentService(repositories: repositories)
        self.polls = PollService(repositories: repositories)
        self.budget = BudgetService(repositories: repositories)
        self.proposals = ProposalService(repositories: repositories)
        self.importer = ImportService(datasets: repositories.datasets, regions: regions, observers: [plans])
        self.harvests = HarvestService(harvests: repositories.harvests, datasets: repositories.datasets, importer: importer, http: outbound)
        self.hub = BoardHub(events: repositories.boardEvents)
        self.alerts = AlertService(alerts: repositories.alerts, feeds: repositories.feeds, hub: hub)
        let regions = self.regions
        self.feeds = FeedService(
            feeds: repositories.feeds, datasets: repositories.datasets, fetcher: FeedFetcher(http: outbound, simulator: simulator), hub: hub, alerts: alerts,
            servedRegions: { (try? await regions.city()).flatMap { $0.map { [$0.fullName] } } ?? [] })
        self.board = BoardService(
            feeds: repositories.feeds, alerts: repositories.alerts, events: repositories.boardEvents, datasets: repositories.datasets, hub: hub)
        self.analyses = AnalysisService(runs: repositories.analyses, datasets: repositories.datasets, regions: regions)
        self.analysisRunner = AnalysisRunner(analyses: analyses)
    }

    /// Applies pending migrations to the database file at `path` and returns their names (`mokmin migrate`).
    public static func migrate(path: String) throws -> [String] {
        let database = try AppDatabase(path: path, migrate: false)
        defer { try? database.close() }
        return try database.migrate()
    }

    /// A setting's stored value (the demo's "loaded" mark, …); the typed settings have their own services.
    public func setting(_ key: String) async throws -> String? { try await repositories.settings.value(for: key) }

    /// Stores a setting with its audit entry, in one transaction.
    public func setSetting(_ value: String, for key: String, audit: AuditEvent) async throws {
        try await repositories.settings.set(value, for: key, audit: audit)
    }

    /// The work a server does on its own while it runs: feeds on their intervals with retention, webhook
    /// deliveries with retries, due harvests, and hourly housekeeping (expired sessions; `drafts`, the uploads
    /// waiting for review, when a day old).
    public func schedules(retention: BoardRetention, drafts: ImportDrafts? = nil, logger: Logger) -> [any Service] {
        [
            FeedScheduler(feeds: feeds, alerts: alerts, events: repositories.boardEvents, retention: retention, logger: logger),
            WebhookDispatcher(alerts: repositories.alerts, http: outbound, logger: logger),
            HarvestScheduler(harvests: harvests, logger: logger),
            HousekeepingScheduler(sessions: repositories.sessions, residents: repositories.residents, drafts: drafts, logger: logger),
        ]
    }
}

/// A storage failure a person can read (the database folder is missing, a stored boundary is damaged …).
public typealias StorageError = MokminStoreError
