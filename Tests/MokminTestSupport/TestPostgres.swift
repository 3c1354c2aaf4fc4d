import Foundation
import Logging
import MokminCore
import MokminPostgres
import Synchronization

/// The PostgreSQL server the tests use, from `MOKMIN_TEST_POSTGRES_URL` (`.ci/postgres start` prints it), and a fresh
/// migrated database per test, copied from a template migrated once per test process.
///
/// Without the variable, the PostgreSQL tests are skipped (they say so); under CI (`CI=true`) a missing server is a
/// failure (`PostgresAvailabilityTests`).
public enum TestPostgres {
    /// The server's address, when the tests were given one.
    public static let url: PostgresURL? = ProcessInfo.processInfo.environment["MOKMIN_TEST_POSTGRES_URL"].flatMap { try? PostgresURL($0) }
    /// The streaming replica's address, when `.ci/postgres` made one.
    public static let replicaURL: PostgresURL? = ProcessInfo.processInfo.environment["MOKMIN_TEST_POSTGRES_REPLICA_URL"]
        .flatMap { try? PostgresURL($0) }
    public static var available: Bool { url != nil }
    /// Whether the tests run under CI, where every tool must be present.
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    public static let skipMessage = "PostgreSQL tests skipped: set MOKMIN_TEST_POSTGRES_URL (eval \"$(.ci/postgres start)\")"

    /// Runs `body` with a store on a new, migrated, empty database, then closes it and drops the database.
    public static func withStore<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        let (store, name) = try await freshStore()
        do {
            let result = try await body(store)
            await store.close()
            try await drop(name)
            return result
        } catch {
            await store.close()
            try? await drop(name)
            throw error
        }
    }

    /// A store on a new, migrated, empty database and the database's name (drop it with ``drop(_:)``); with
    /// `seeded`, the database holds the bundled region registry, as a server has after its first start.
    public static func freshStore(seeded: Bool = false) async throws -> (PostgresStore, String) {
        let admin = try await template.value
        if seeded { _ = try await seededTemplate.value }
        let name = "mokmin_t\(getpid())_\(counter.next())"
        let source = seeded ? seededTemplateName : templateName
        _ = try await admin.client.query(.init(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(source)")).collect()
        var url = try required().with(database: name)
        url.poolSize = 4
        return (try await PostgresStore.open(url, migrate: false, logger: quiet), name)
    }

    /// Drops a database made by ``freshStore()``.
    public static func drop(_ name: String) async throws {
        let admin = try await template.value
        _ = try await admin.client.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).collect()
    }

    static func required() throws -> PostgresURL {
        guard let url else { throw TestPostgresMissing() }
        return url
    }

    struct TestPostgresMissing: Error, CustomStringConvertible {
        var description: String { TestPostgres.skipMessage }
    }

    public static let quiet: Logger = {
        var logger = Logger(label: "mokmin.test.postgres")
        logger.logLevel = .error
        return logger
    }()

    static let templateName = "mokmin_tmpl_\(getpid())"
    static let seededTemplateName = "mokmin_tmpl_\(getpid())_regions"

    /// The migrated template with the bundled registry loaded (made once per process, on first use).
    static let seededTemplate = Task<Void, any Error> {
        let admin = try await template.value
        _ = try await admin.client.query(.init(unsafeSQL: "CREATE DATABASE \(seededTemplateName) TEMPLATE \(templateName)")).collect()
        var url = try required().with(database: seededTemplateName)
        url.poolSize = 2
        let store = try await PostgresStore.open(url, migrate: false, logger: quiet)
        let (regions, codes) = try await Fixtures.bundledRegistry()
        let repository = PostgresRegionRepository(store)
        try await repository.replaceCodes(codes, audit: AuditEvent(actor: nil, action: "test.seed"))
        try await repository.upsert(regions, source: "fixture", audit: AuditEvent(actor: nil, action: "test.seed"))
        await store.close()
    }

    /// A connection to the server's own database that makes and drops test databases; made once per process, after
    /// migrating this process's template and dropping what test processes that have ended left behind.
    static let template = Task<PostgresStore, any Error> {
        var adminURL = try required()
        adminURL.poolSize = 2
        let admin = try await PostgresStore.open(adminURL, migrate: false, logger: quiet)
        for try await name in try await admin.client.query("SELECT datname FROM pg_database WHERE datname LIKE 'mokmin_t%'").decode(String.self) {
            let digits = name.dropFirst(name.hasPrefix("mokmin_tmpl_") ? 12 : 8).prefix(while: \.isNumber)
            if let pid = Int32(digits), pid != getpid(), kill(pid, 0) != 0 {
                _ = try? await admin.client.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).collect()
            }
        }
        _ = try await admin.client.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(templateName) WITH (FORCE)")).collect()
        _ = try await admin.client.query(.init(unsafeSQL: "CREATE DATABASE \(templateName)")).collect()
        let template = try await PostgresStore.open(adminURL.with(database: templateName), migrate: true, logger: quiet)
        await template.close()
        return admin
    }

    static let counter = Counter()

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
    }
}
