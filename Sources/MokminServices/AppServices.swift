import Foundation
import Logging
import MokminCore
import MokminPostgres
import MokminStore
import ServiceLifecycle

/// Everything the routes need, built once per application.
public struct AppServices: Sendable {
    let storage: Storage
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
    /// Leases that make each scheduled job run on one server of several sharing the database.
    public let jobs: JobLeases

    /// The services on the SQLite database at `path` (created and migrated as needed).
    /// `simulator` answers the demo's `simulator:` feeds (the command line gives the demo city's).
    public init(path: String, bcryptCost: UInt8 = 12, simulator: (any FeedSimulator)? = nil) throws {
        self.init(database: try AppDatabase(path: path), bcryptCost: bcryptCost, simulator: simulator)
    }

    /// The services on a new in-memory database (for commands that only read the bundled registry).
    public static func inMemory() throws -> AppServices { AppServices(database: try AppDatabase.inMemory()) }

    /// The services on `location` (an SQLite file created and migrated as needed, or a PostgreSQL database migrated
    /// under an advisory lock), with reads that may be a moment stale sent to `replica` when one is given.
    public static func open(
        _ location: DatabaseLocation, replica: String? = nil, bcryptCost: UInt8 = 12, simulator: (any FeedSimulator)? = nil,
        logger: Logger = Logger(label: "mokmin.store")
    ) async throws -> AppServices {
        switch location {
        case .sqlite(let path):
            if replica != nil {
                throw MokminStoreError(
                    ko: "읽기 복제본(--db-replica)은 PostgreSQL에서만 쓸 수 있습니다",
                    en: "A read replica (--db-replica) needs a PostgreSQL database (--db postgres://…)")
            }
            return try AppServices(path: path, bcryptCost: bcryptCost, simulator: simulator)
        case .postgres(let url):
            let primary = try await PostgresStore.open(url, logger: logger)
            do {
                var replicaStore: PostgresStore?
                if let replica {
                    guard PostgresURL.isPostgres(replica) else {
                        throw MokminStoreError(
                            ko: "읽기 복제본은 postgres:// 주소여야 합니다: \(replica)", en: "The read replica must be a postgres:// address: \(replica)")
                    }
                    replicaStore = try await PostgresStore.open(try PostgresURL(replica), migrate: false, logger: logger)
                }
                return AppServices(postgres: primary, replica: replicaStore, bcryptCost: bcryptCost, simulator: simulator)
            } catch {
                await primary.close()
                throw error
            }
        }
    }

    /// Whether the database answers (`/health`).
    public func ping() async throws {
        switch storage {
        case .sqlite(let database): try await database.ping()
        case .postgres(let primary, _, _): try await primary.ping()
        }
    }

    /// The database, the primary and the replica, as `/health` shows them; throws when the primary does not answer.
    public func storageStatus() async throws -> StorageStatus {
        switch storage {
        case .sqlite(let database):
            try await database.ping()
            return StorageStatus(kind: "sqlite", primary: "ok", replica: "none")
        case .postgres(let primary, let replica, let reads):
            try await primary.ping()
            var status = StorageStatus(
                kind: "postgresql", primary: "ok", replica: "none", poolInUse: primary.connectionsInUse, poolSize: primary.poolSize)
            if replica != nil {
                await reads.checkReplica()
                status.replica = reads.replicaInUse ? "ok" : "down (reads use the primary)"
            }
            return status
        }
    }

    /// `sqlite` or `postgresql`.
    public var databaseKind: String {
        if case .sqlite = storage { "sqlite" } else { "postgresql" }
    }

    /// The database's size: the SQLite file with its write-ahead log, or the PostgreSQL database (`/metrics`).
    public func databaseSize() async throws -> Int64 {
        switch storage {
        case .sqlite(let database): try await database.sizeInBytes()
        case .postgres(let primary, _, _): try await primary.sizeInBytes()
        }
    }

    /// Closes the database (at the end of `serve` and of every command).
    public func close() async {
        switch storage {
        case .sqlite(let database): try? database.close()
        case .postgres(let primary, let replica, _):
            await replica?.close()
            await primary.close()
        }
    }

    /// The services on a PostgreSQL database (every repository protocol has its PostgreSQL implementation: the
    /// compiler holds `Repositories.postgres` to it), with stale-tolerant reads on `replica` when given.
    public init(
        postgres: PostgresStore, replica: PostgresStore? = nil, bcryptCost: UInt8 = 12, resolver: HostResolver = .system,
        simulator: (any FeedSimulator)? = nil
    ) {
        let reads = PostgresReads(primary: postgres, replica: replica)
        self.init(
            storage: .postgres(primary: postgres, replica: replica, reads: reads), repositories: .postgres(postgres, reads: reads),
            bcryptCost: bcryptCost,
            resolver: resolver, simulator: simulator)
    }

    /// `resolver` answers the outbound policy's host lookups (tests give fixed answers).
    public init(database: AppDatabase, bcryptCost: UInt8 = 12, resolver: HostResolver = .system, simulator: (any FeedSimulator)? = nil) {
        self.init(storage: .sqlite(database), repositories: .grdb(database), bcryptCost: bcryptCost, resolver: resolver, simulator: simulator)
    }

    init(storage: Storage, repositories: Repositories, bcryptCost: UInt8, resolver: HostResolver, simulator: (any FeedSimulator)?) {
        self.storage = storage
        self.repositories = repositories
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
        self.jobs = JobLeases(repository: repositories.jobLeases)
        // Leases only where several servers may share the database: on SQLite one server decides alone, as before.
        let sharedJobs: JobLeases? = if case .postgres = storage { jobs } else { nil }
        var harvests = HarvestService(harvests: repositories.harvests, datasets: repositories.datasets, importer: importer, http: outbound)
        harvests.leases = sharedJobs
        self.harvests = harvests
        self.hub = BoardHub(events: repositories.boardEvents)
        self.alerts = AlertService(alerts: repositories.alerts, feeds: repositories.feeds, hub: hub)
        let regions = self.regions
        self.feeds = FeedService(
            feeds: repositories.feeds, datasets: repositories.datasets, fetcher: FeedFetcher(http: outbound, simulator: simulator), hub: hub,
            alerts: alerts,
            servedRegions: { (try? await regions.servedCities())?.map(\.fullName) ?? [] })
        self.board = BoardService(
            feeds: repositories.feeds, alerts: repositories.alerts, events: repositories.boardEvents, datasets: repositories.datasets, hub: hub)
        self.analyses = AnalysisService(runs: repositories.analyses, datasets: repositories.datasets, regions: regions)
        self.analysisRunner = AnalysisRunner(analyses: analyses, leases: sharedJobs)
    }

    /// Applies pending migrations to the database at `location` and returns their names (`mokmin migrate`).
    public static func migrate(_ location: DatabaseLocation) async throws -> [String] {
        switch location {
        case .sqlite(let path):
            let database = try AppDatabase(path: path, migrate: false)
            defer { try? database.close() }
            return try database.migrate()
        case .postgres(let url):
            let store = try await PostgresStore.open(url, migrate: false)
            do {
                let applied = try await store.migrate()
                await store.close()
                return applied
            } catch {
                await store.close()
                throw error
            }
        }
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
        let sharedLeases: JobLeases? = if case .postgres = storage { jobs } else { nil }
        return [
            FeedScheduler(feeds: feeds, alerts: alerts, events: repositories.boardEvents, retention: retention, leases: sharedLeases, logger: logger),
            WebhookDispatcher(alerts: repositories.alerts, http: outbound, logger: logger),
            HarvestScheduler(harvests: harvests, logger: logger),
            HousekeepingScheduler(sessions: repositories.sessions, residents: repositories.residents, drafts: drafts, logger: logger),
        ]
    }
}

/// A storage failure a person can read (the database folder is missing, a stored boundary is damaged …).
public typealias StorageError = MokminStoreError
