/// Every repository the services need, chosen together by configuration.
///
/// Two stores implement every protocol: the embedded GRDB (SQLite) one here, and PostgreSQL (`MokminPostgres`).
public struct Repositories: Sendable {
    public var users: any UserRepository
    public var sessions: any SessionRepository
    public var tokens: any APITokenRepository
    public var audit: any AuditLogRepository
    public var settings: any SettingRepository
    public var regions: any RegionRepository
    public var datasets: any DatasetRepository
    public var harvests: any HarvestRepository
    public var feeds: any FeedRepository
    public var alerts: any AlertRepository
    public var boardEvents: any BoardEventRepository
    public var analyses: any AnalysisRunRepository
    public var signInThrottle: any SignInThrottleRepository
    public var plans: any PlanRepository
    public var residents: any ResidentRepository
    public var polls: any PollRepository
    public var budgetRounds: any BudgetRoundRepository
    public var proposals: any ProposalRepository
    public var jobLeases: any JobLeaseRepository

    public init(
        users: any UserRepository, sessions: any SessionRepository, tokens: any APITokenRepository,
        audit: any AuditLogRepository, settings: any SettingRepository, regions: any RegionRepository,
        datasets: any DatasetRepository, harvests: any HarvestRepository, feeds: any FeedRepository, alerts: any AlertRepository,
        boardEvents: any BoardEventRepository, analyses: any AnalysisRunRepository, signInThrottle: any SignInThrottleRepository,
        plans: any PlanRepository, residents: any ResidentRepository, polls: any PollRepository, budgetRounds: any BudgetRoundRepository,
        proposals: any ProposalRepository, jobLeases: any JobLeaseRepository
    ) {
        self.users = users
        self.sessions = sessions
        self.tokens = tokens
        self.audit = audit
        self.settings = settings
        self.regions = regions
        self.datasets = datasets
        self.harvests = harvests
        self.feeds = feeds
        self.alerts = alerts
        self.boardEvents = boardEvents
        self.analyses = analyses
        self.signInThrottle = signInThrottle
        self.plans = plans
        self.residents = residents
        self.polls = polls
        self.budgetRounds = budgetRounds
        self.proposals = proposals
        self.jobLeases = jobLeases
    }

    /// The repositories of the embedded SQLite database.
    public static func grdb(_ database: AppDatabase) -> Repositories {
        Repositories(
            users: GRDBUserRepository(database), sessions: GRDBSessionRepository(database),
            tokens: GRDBAPITokenRepository(database), audit: GRDBAuditLogRepository(database),
            settings: GRDBSettingRepository(database), regions: GRDBRegionRepository(database),
            datasets: GRDBDatasetRepository(database), harvests: GRDBHarvestRepository(database),
            feeds: GRDBFeedRepository(database), alerts: GRDBAlertRepository(database), boardEvents: GRDBBoardEventRepository(database),
            analyses: GRDBAnalysisRunRepository(database), signInThrottle: GRDBSignInThrottleRepository(database),
            plans: GRDBPlanRepository(database), residents: GRDBResidentRepository(database), polls: GRDBPollRepository(database),
            budgetRounds: GRDBBudgetRoundRepository(database), proposals: GRDBProposalRepository(database),
            jobLeases: GRDBJobLeaseRepository(database))
    }
}
