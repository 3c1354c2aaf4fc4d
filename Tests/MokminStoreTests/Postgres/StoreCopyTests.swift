import Foundation
import MokminBase
import MokminCore
import MokminPostgres
import MokminStore
import MokminTestSupport
import PostgresNIO
import Testing

/// `mokmin store copy`: a city's SQLite database into an empty PostgreSQL one, all or nothing.
@Suite(.enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct StoreCopyTests {
    static let audit = AuditEvent(actor: "admin", action: "test")

    /// An SQLite city with accounts, sessions, a token, settings, a harvest, an analysis run and a dataset with two
    /// versions (the second with a unique key, so its table has a unique index).
    static func city() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        let store = Repositories.grdb(database)
        let kim = try await store.users.create(login: "kim", name: "김민지", role: .analyst, passwordHash: "hash", audit: audit)
        try await store.sessions.create(idHash: "s1", userID: kim.id, csrfToken: "c", expiresAt: Date().addingTimeInterval(3600), audit: audit)
        _ = try await store.tokens.create(userID: kim.id, label: "스크립트", tokenHash: "t1", displayOnly: false, audit: audit)
        try await store.settings.set("36110", for: "city", audit: audit)
        _ = try await store.harvests.create(
            NewHarvest(
                datasetSlug: "air", url: "https://apis.data.go.kr/air", format: "json", serviceKey: "KEY", intervalMinutes: 60, uniqueKey: ["측정소명"]),
            audit: audit)
        let feed = try await store.feeds.create(
            NewFeed(name: "대기", kind: .airKorea, url: "https://apis.data.go.kr/air", intervalSeconds: 300, staleAfterSeconds: 900), audit: audit)
        _ = try await store.feeds.ingest(
            feedID: feed.id,
            readings: [
                FeedReading(series: "air/아름동/pm10", source: "아름동", metric: "pm10", value: 41, time: "2026-11-30T23:00:00"),
                FeedReading(series: "air/아름동/pm10", source: "아름동", metric: "pm10", value: 44, time: "2026-12-01T00:00:00"),
            ], issues: 0, at: Date())
        let run = try await store.analyses.create(kind: .shelter, title: "대피소", parameters: "{}", audit: audit)
        _ = try await store.analyses.start(id: run.id, at: Date())
        try await store.analyses.finish(id: run.id, result: #"{"ok":true}"#, at: Date())
        let columns = [
            DatasetColumn(label: "측정소명", sqlName: "c1", type: .text, nullCount: 0),
            DatasetColumn(label: "PM10", sqlName: "c2", type: .decimal, nullCount: 1),
            DatasetColumn(label: "정상", sqlName: "c3", type: .boolean, nullCount: 0),
            DatasetColumn(label: "측정일", sqlName: "c4", type: .date, nullCount: 0),
        ]
        for (number, key) in [(1, [String]()), (2, ["측정소명"])] {
            _ = try await store.datasets.publish(
                DatasetMetadata(slug: "air", title: "대기질 측정 정보", organization: "환경정책과", tags: ["대기"], visibility: .public),
                version: NewDatasetVersion(
                    fileName: "air\(number).csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: "kim", uniqueKey: key),
                audit: audit
            ) { writer in
                try writer.append(
                    [.text("조치원읍\t\"따옴표\"\\"), .decimal(41.5), .boolean(true), .date("2026-07-28")], line: 2, region: "3611025000", geometry: nil)
                try writer.append([.text("아름동"), .null, .boolean(false), .date("2026-07-29")], line: 3, region: nil, geometry: #"{"type":"Point"}"#)
                try writer.append([.text("아름동"), .decimal(-0.25), .boolean(false), .date("2026-07-30")], line: 4, region: nil, geometry: nil)
                return nil
            }
        }
        return database
    }

    @Test func aCityIsCopiedWholeAndReadsTheSameOnPostgreSQL() async throws {
        let source = try await Self.city()
        let original = Repositories.grdb(source)
        try await TestPostgres.withStore { target in
            let report = try await StoreCopy.copy(from: source, to: target)
            #expect(report.tables.contains { $0.name == "user" && $0.rows == 1 })
            #expect(
                report.tables.contains { $0.name == "ds_1_v1" && $0.rows == 3 } && report.tables.contains { $0.name == "ds_1_v2" && $0.rows == 2 })

            #expect(try await PostgresUserRepository(target).list() == original.users.list())
            #expect(try await PostgresSessionRepository(target).find(idHash: "s1", now: Date())?.user.login == "kim")
            #expect(try await PostgresSettingRepository(target).value(for: "city") == "36110")
            #expect(
                try await PostgresSettingRepository(target).value(for: "participation.salt") == original.settings.value(for: "participation.salt"),
                "the city's salt, not the one the PostgreSQL migration made")
            #expect(try await PostgresHarvestRepository(target).serviceKey(id: 1) == "KEY")
            #expect(try await PostgresAnalysisRunRepository(target).run(id: 1)?.result == #"{"ok":true}"#)
            #expect(try await PostgresAuditLogRepository(target).recent(limit: 100) == original.audit.recent(limit: 100))
            let copied = PostgresDatasetRepository(target)
            let record = try #require(try await copied.dataset(slug: "air"))
            #expect(try await copied.versions(datasetID: record.id).map(\.number) == [2, 1])
            for version in try await original.datasets.versions(datasetID: record.id) {
                let here = try await original.datasets.rows(of: version, query: RowQuery(sort: [("PM10", true)]))
                let there = try await copied.rows(of: version, query: RowQuery(sort: [("PM10", true)]))
                #expect(here.rows == there.rows && here.regions == there.regions && here.total == there.total, "version \(version.number)")
            }
            #expect(try await copied.search(CatalogQuery(text: "대기")).results.map(\.metadata.slug) == ["air"])
            // The copied readings sit in their month partitions: the board stores the next reading of a copied month.
            let feeds = PostgresFeedRepository(target)
            let stored = try await feeds.ingest(
                feedID: 1, readings: [FeedReading(series: "air/아름동/pm10", source: "아름동", metric: "pm10", value: 47, time: "2026-12-01T01:00:00")],
                issues: 0, at: Date())
            #expect(stored.stored == 1)
            #expect(try await feeds.readings(series: ["air/아름동/pm10"], since: "2026-11-01T00:00:00")["air/아름동/pm10"]?.map(\.value) == [41, 44, 47])
            // New rows after the copy get new ids (the identities moved past the copied ones).
            let lee = try await PostgresUserRepository(target).create(login: "lee", name: "이", role: .official, passwordHash: "h", audit: Self.audit)
            #expect(lee.id == 2)

            // A second copy into the same database is refused, and changes nothing.
            let error = await #expect(throws: MokminError.self) { _ = try await StoreCopy.copy(from: source, to: target) }
            #expect(error?.kind == .conflict && "\(error!.message)".contains("empty"))
            #expect(try await PostgresUserRepository(target).count() == 2)
        }
    }

    @Test func aCopyThatFailsHalfwayLeavesTheTargetEmpty() async throws {
        let source = try await Self.city()
        try await TestPostgres.withStore { target in
            // A target whose harvest table lacks a column: the copy fails at that table, after users and others were copied.
            _ = try await target.client.query("ALTER TABLE harvest DROP COLUMN lastrowsadded").collect()
            await #expect(throws: (any Error).self) { _ = try await StoreCopy.copy(from: source, to: target) }
            #expect(try await PostgresUserRepository(target).count() == 0)
            #expect(try await PostgresAuditLogRepository(target).recent(limit: 10).isEmpty)
        }
    }
}
