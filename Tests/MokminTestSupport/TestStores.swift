import Foundation
import GRDB
import MokminCore
import MokminPostgres
import MokminStore

/// The two stores every repository test runs on: SQLite always, PostgreSQL when the tests were given a server
/// (`TestPostgres`; `PostgresAvailabilityTests` shows the skip, and fails under CI).
public enum StoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The kinds this run can test.
    public static var available: [StoreKind] { TestPostgres.available ? allCases : [.sqlite] }

    public var description: String { rawValue }

    /// Runs `body` with a new, empty, migrated store of this kind (dropped afterwards on PostgreSQL).
    public func withStore<T>(_ body: (TestStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite: try await body(TestStore(sqlite: try AppDatabase.inMemory()))
        case .postgres: try await TestPostgres.withStore { try await body(TestStore(postgres: $0)) }
        }
    }
}

/// A store under test: its database and the repositories over it.
public struct TestStore: Sendable {
    public let sqlite: AppDatabase?
    public let postgres: PostgresStore?
    public let datasets: any DatasetRepository
    public let users: any UserRepository
    public let sessions: any SessionRepository
    public let tokens: any APITokenRepository
    public let audit: any AuditLogRepository
    public let settings: any SettingRepository
    public let regions: any RegionRepository
    public let harvests: any HarvestRepository
    public let analyses: any AnalysisRunRepository
    public let signInThrottle: any SignInThrottleRepository
    public let jobLeases: any JobLeaseRepository
    public let feeds: any FeedRepository
    public let alerts: any AlertRepository
    public let boardEvents: any BoardEventRepository

    init(sqlite: AppDatabase) {
        self.sqlite = sqlite
        self.postgres = nil
        datasets = GRDBDatasetRepository(sqlite)
        users = GRDBUserRepository(sqlite)
        sessions = GRDBSessionRepository(sqlite)
        tokens = GRDBAPITokenRepository(sqlite)
        audit = GRDBAuditLogRepository(sqlite)
        settings = GRDBSettingRepository(sqlite)
        regions = GRDBRegionRepository(sqlite)
        harvests = GRDBHarvestRepository(sqlite)
        analyses = GRDBAnalysisRunRepository(sqlite)
        signInThrottle = GRDBSignInThrottleRepository(sqlite)
        jobLeases = GRDBJobLeaseRepository(sqlite)
        feeds = GRDBFeedRepository(sqlite)
        alerts = GRDBAlertRepository(sqlite)
        boardEvents = GRDBBoardEventRepository(sqlite)
    }

    init(postgres: PostgresStore) {
        self.sqlite = nil
        self.postgres = postgres
        datasets = PostgresDatasetRepository(postgres)
        users = PostgresUserRepository(postgres)
        sessions = PostgresSessionRepository(postgres)
        tokens = PostgresAPITokenRepository(postgres)
        audit = PostgresAuditLogRepository(postgres)
        settings = PostgresSettingRepository(postgres)
        regions = PostgresRegionRepository(postgres)
        harvests = PostgresHarvestRepository(postgres)
        analyses = PostgresAnalysisRunRepository(postgres)
        signInThrottle = PostgresSignInThrottleRepository(postgres)
        jobLeases = PostgresJobLeaseRepository(postgres)
        feeds = PostgresFeedRepository(postgres)
        alerts = PostgresAlertRepository(postgres)
        boardEvents = PostgresBoardEventRepository(postgres)
    }

    /// The names of the tables whose name starts with `prefix`, sorted.
    public func tables(prefix: String) async throws -> [String] {
        if let sqlite {
            return try await sqlite.writer.read { db in
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ? ORDER BY name",
                    arguments: [prefix.count, prefix])
            }
        }
        return try await postgres!.connection { connection in
            var names: [String] = []
            let rows = try await connection.query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND left(tablename::text, \(prefix.count)::int) = \(prefix) ORDER BY tablename",
                logger: TestPostgres.quiet)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }
}
