import Foundation
import MokminBase
import MokminCore
import MokminPostgres
import MokminStore
import MokminTestSupport
import PostgresNIO
import Testing

/// A version published on PostgreSQL is vacuumed at once: its pages are in the visibility map, so the total of a
/// filtered `datastore_search` is counted from the index alone from the first request. The test cluster runs with
/// `synchronous_commit = off`, where a commit that is not flushed first leaves every page out of the map.
@Suite struct PostgresPublishTests {
    @Test(.enabled(if: TestPostgres.available || TestPostgres.underCI, Comment(rawValue: TestPostgres.skipMessage)))
    func aPublishedVersionIsInTheVisibilityMapAtOnce() async throws {
        try #require(TestPostgres.available, "CI=true but MOKMIN_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL")
        try await StoreKind.postgres.withStore { (store: TestStore) async throws in
            let postgres = try #require(store.postgres)
            let rows: [[TypedValue]] = (0..<20_000).map { i in
                [.text(["조치원읍", "아름동", "보람동"][i % 3]), .integer(Int64(i)), .date("2026-07-\(10 + i % 20)"), .boolean(i % 2 == 0)]
            }
            let version = try await DatasetRepositoryTests.publish(store.datasets, DatasetRepositoryTests.air(), rows: rows)
            let (visible, pages) = try await postgres.connection { connection in
                let result = try await connection.query(
                    "SELECT relallvisible::int8, relpages::int8 FROM pg_class WHERE relname = \(version.tableName)", logger: Logger(label: "test"))
                for try await (visible, pages) in result.decode((Int64, Int64).self) { return (visible, pages) }
                return (Int64(-1), Int64(-1))
            }
            #expect(pages > 10, "the table has pages: \(pages)")
            #expect(visible == pages, "\(visible) of \(pages) pages all-visible right after publishing")
        }
    }
}
