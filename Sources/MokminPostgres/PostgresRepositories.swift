import Foundation
import MokminStore

extension Repositories {
    /// The repositories of a PostgreSQL database: every protocol has a PostgreSQL implementation. Reads that may be a
    /// moment stale go through `reads` (to the replica while it answers).
    public static func postgres(_ store: PostgresStore, reads: PostgresReads? = nil) -> Repositories {
        let reads = reads ?? PostgresReads(primary: store, replica: nil)
        return Repositories(
            users: PostgresUserRepository(store), sessions: PostgresSessionRepository(store), tokens: PostgresAPITokenRepository(store),
            audit: PostgresAuditLogRepository(store), settings: PostgresSettingRepository(store), regions: PostgresRegionRepository(store),
            datasets: PostgresDatasetRepository(store, reads: reads), harvests: PostgresHarvestRepository(store),
            feeds: PostgresFeedRepository(store), alerts: PostgresAlertRepository(store), boardEvents: PostgresBoardEventRepository(store),
            analyses: PostgresAnalysisRunRepository(store), signInThrottle: PostgresSignInThrottleRepository(store),
            plans: PostgresPlanRepository(store), residents: PostgresResidentRepository(store), polls: PostgresPollRepository(store),
            budgetRounds: PostgresBudgetRoundRepository(store), proposals: PostgresProposalRepository(store),
            jobLeases: PostgresJobLeaseRepository(store))
    }
}
