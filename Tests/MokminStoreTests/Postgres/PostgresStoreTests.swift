import Foundation
import MokminPostgres
import MokminTestSupport
import PostgresNIO
import Testing

/// Under CI every PostgreSQL test must run: a missing server is a failure there, and a visible skip elsewhere.
@Suite struct PostgresAvailabilityTests {
    @Test(.enabled(if: TestPostgres.available || TestPostgres.underCI, Comment(rawValue: TestPostgres.skipMessage)))
    func theTestServerAnswers() async throws {
        let url = try #require(TestPostgres.url, "CI=true but MOKMIN_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL")
        let store = try await PostgresStore.open(url, migrate: false)
        try await store.ping()
        #expect(try await store.isReplica() == false)
        await store.close()
    }

    @Test(.enabled(if: TestPostgres.replicaURL != nil || TestPostgres.underCI, Comment(rawValue: TestPostgres.skipMessage)))
    func theReplicaIsInRecovery() async throws {
        let url = try #require(TestPostgres.replicaURL, "CI=true but MOKMIN_TEST_POSTGRES_REPLICA_URL is not set")
        let store = try await PostgresStore.open(url, migrate: false)
        #expect(try await store.isReplica())
        await store.close()
    }
}

@Suite struct PostgresURLTests {
    @Test func anAddressGivesEveryPart() throws {
        let url = try PostgresURL("postgres://mokmin:s%40cret@db.example:6543/sejong?sslmode=require&pool=8")
        #expect(url.host == "db.example" && url.port == 6543 && url.user == "mokmin" && url.password == "s@cret")
        #expect(url.database == "sejong" && url.sslMode == .require && url.poolSize == 8)
        #expect(url.description == "postgres://mokmin@db.example:6543/sejong", "the password is never shown")
        let plain = try PostgresURL("postgresql://kim@localhost")
        #expect(plain.port == 5432 && plain.database == "kim" && plain.sslMode == .prefer && plain.poolSize == 20)
    }

    @Test(arguments: [
        "mysql://x@y/z", "postgres://", "postgres://u@h:0/d", "postgres://u@h/d?sslmode=maybe", "postgres://u@h/d?pool=0",
        "postgres://u@h/d?pool=100000", "postgres://u:pw@h/d?colour=blue",
    ])
    func aBadAddressSaysWhatIsWrongWithoutThePassword(_ address: String) throws {
        let error = try #require(throws: (any Error).self) { try PostgresURL(address) }
        let text = "\(error)"
        #expect(text.contains("PostgreSQL") && !text.contains(":pw@"), "\(text)")
    }

    @Test func anUnreachableServerIsNamedInTheError() async throws {
        let url = try PostgresURL("postgres://nobody@127.0.0.1:1/none?sslmode=disable")
        let error = try await #require(throws: PostgresStoreError.self) { try await PostgresStore.open(url) }
        #expect(error.description.contains("127.0.0.1:1"), "\(error)")
    }
}

@Suite(.enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage))) struct PostgresMigrationTests {
    @Test func migrationsApplyOnceEvenWhenTwoServersStartTogether() async throws {
        let (store, name) = try await TestPostgres.freshStore()
        defer {
            Task {
                await store.close(); try? await TestPostgres.drop(name)
            }
        }
        // The template was migrated: nothing is pending.
        #expect(try await store.migrate().isEmpty)
        #expect(try await store.appliedMigrations() == PostgresMigrations.identifiers)

        // A new empty database, migrated by two stores at once: each migration is applied by exactly one of them.
        let (empty, emptyName) = try await TestPostgres.freshStore()
        _ = try await empty.client.query("DROP SCHEMA public CASCADE").collect()
        _ = try await empty.client.query("CREATE SCHEMA public").collect()
        let second = try await PostgresStore.open(empty.url, migrate: false)
        async let a = empty.migrate()
        async let b = second.migrate()
        let (first, other) = try await (a, b)
        #expect((first + other).sorted() == PostgresMigrations.identifiers.sorted())
        await second.close()
        await empty.close()
        try await TestPostgres.drop(emptyName)
    }
}
