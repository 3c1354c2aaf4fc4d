import Foundation
import MokminPostgres
import MokminTestSupport
import PostgresNIO
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two `mokmin serve` processes on one PostgreSQL database (and its streaming replica): a sign-in on one holds on the
/// other, a reading stored by another process reaches the live clients of both, a harvest scheduled on both runs once,
/// a harvest whose server is killed mid-run is finished by the other, and the replica serves catalog reads.
@Suite(.serialized, .enabled(if: TestPostgres.available && ServerProcess.binaryExists, Comment(rawValue: TestPostgres.skipMessage)))
struct ScaleOutTests {
    /// A fresh database, its address for `--db`, and a store to look into it.
    static func database() async throws -> (url: String, store: PostgresStore, name: String) {
        let (store, name) = try await TestPostgres.freshStore()
        return ("postgres://\(store.url.user)@\(store.url.host):\(store.url.port)/\(store.url.database)?sslmode=disable", store, name)
    }

    static func count(_ store: PostgresStore, _ sql: String) async throws -> Int {
        try await store.connection { connection in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.quiet).decode(Int.self) {
                return value
            }
            return -1
        }
    }

    static func addUser(_ db: String, _ login: String, role: String) async throws {
        let added = try await runMokmin(
            ["user", "add", "--login", login, "--name", "이름 \(login)", "--role", role, "--password-stdin", "--db", db], input: "long-password-1\n")
        #expect(added.status == 0, "\(added.output)")
    }

    @Test func aSignInOnOneServerHoldsOnTheOtherAndLiveEventsReachBoth() async throws {
        let (db, store, name) = try await Self.database()
        try await Self.addUser(db, "kim", role: "admin")
        let token = try await runMokmin(["token", "create", "--login", "kim", "--db", db]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let feed = try await runMokmin([
            "feed", "add", "--name", "대기", "--kind", "airkorea", "--url", "https://apis.data.go.kr/none", "--every", "86400", "--db", db,
        ])
        #expect(feed.status == 0, "\(feed.output)")
        let a = try ServerProcess(database: db)
        let b = try ServerProcess(database: db)
        defer {
            a.terminate()
            b.terminate()
        }
        try await a.waitUntilHealthy()
        try await b.waitUntilHealthy()

        // Signed in through server A; the session is in the database, so server B knows it.
        let browser = HTTPSession(base: a.base)
        let signedIn = try await browser.signIn(login: "kim", password: "long-password-1")
        #expect(signedIn.status == 200)
        let other = browser.moved(to: b.base)
        let me = try await other.get("/api/me")
        #expect(me.status == 200 && me.body.contains("\"kim\""), "\(me.status) \(me.body.prefix(200))")

        // A live client on each server; a third process (the command line) stores readings; both clients receive
        // them, through PostgreSQL's NOTIFY.
        // Streams long enough for a command-line process to start and store, on a busy machine too.
        async let onA = Self.stream(a.base, token: token, seconds: 40)
        async let onB = Self.stream(b.base, token: token, seconds: 40)
        try await Task.sleep(for: .seconds(2))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("air-\(UUID().uuidString).json")
        let body =
            #"{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL_CODE"},"body":{"totalCount":1,"items":[{"stationName":"아름동","sidoName":"세종","dataTime":"2026-12-05 10:00","pm25Value":"31","pm10Value":"44","pm25Flag":null,"pm10Flag":null}],"pageNo":1,"numOfRows":100}}}"#
        try Data(body.utf8).write(to: file)
        let loaded = try await runMokmin(["feed", "load", "대기", file.path, "--db", db])
        #expect(loaded.status == 0, "\(loaded.output)")
        let (streamA, streamB) = try await (onA, onB)
        for (server, text) in [("A", streamA), ("B", streamB)] {
            #expect(text.contains("event: reading") && text.contains("아름동"), "server \(server) did not receive the reading: \(text.prefix(600))")
        }
        await store.close()
        try await TestPostgres.drop(name)
    }

    /// The board's stream for `seconds` (it ends itself), as text.
    static func stream(_ base: String, token: String, seconds: Int) async throws -> String {
        var request = URLRequest(url: URL(string: base + "/api/stream?timeout=\(seconds)")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = TimeInterval(seconds + 20)
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aHarvestScheduledOnBothServersRunsOnceAndADeadServersHarvestIsFinishedByTheOther() async throws {
        let (db, store, name) = try await Self.database()
        let recorded = RecordedResponseServer()
        let csv = "측정소명,측정일시,PM10\n아름동,2026-12-05 10:00,44\n보람동,2026-12-05 10:00,38\n"
        recorded.set("/quick.csv", .init(status: .ok, contentType: "text/csv", body: csv))
        recorded.set("/slow.csv", .init(status: .ok, contentType: "text/csv", body: csv, delay: .seconds(60)))
        try await recorded.withRunning { base in
            #expect(try await runMokmin(["settings", "inside-hosts", "add", "127.0.0.1", "--db", db]).status == 0)
            for (slug, path) in [("quick-air", "/quick.csv"), ("slow-air", "/slow.csv")] {
                let added = try await runMokmin([
                    "harvest", "add", "--dataset", slug, "--url", base + path, "--format", "csv", "--every", "1440", "--key", "측정소명,측정일시", "--db", db,
                ])
                #expect(added.status == 0, "\(added.output)")
            }
            // Short leases, so that a dead server's harvest passes on within the test.
            let environment = ["MOKMIN_JOB_LEASE_SECONDS": "6"]
            let a = try ServerProcess(database: db, environment: environment)
            defer { a.terminate() }
            // Server A takes both harvests; the slow one hangs on its download. Then A dies mid-harvest.
            let deadline = Date().addingTimeInterval(60)
            while !recorded.requests.contains(where: { $0.hasPrefix("/slow.csv") }) && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(recorded.requests.contains { $0.hasPrefix("/slow.csv") }, "server A never started the slow harvest")
            a.kill9()
            _ = try? await a.waitForExit(timeout: 10)
            #expect(
                try await Self.count(
                    store, "SELECT count(*)::bigint FROM datasetversion v JOIN dataset d ON d.id = v.datasetid WHERE d.slug = 'slow-air'") == 0)

            // Server B (and a second live server C) start; the slow harvest is due and its lease expires: exactly one
            // of them takes it over and finishes it; the quick harvest is not run again.
            recorded.set("/slow.csv", .init(status: .ok, contentType: "text/csv", body: csv))
            let b = try ServerProcess(database: db, environment: environment)
            let c = try ServerProcess(database: db, environment: environment)
            defer {
                b.terminate()
                c.terminate()
            }
            try await b.waitUntilHealthy()
            try await c.waitUntilHealthy()
            let finished = Date().addingTimeInterval(90)
            while try await Self.count(
                store, "SELECT count(*)::bigint FROM datasetversion v JOIN dataset d ON d.id = v.datasetid WHERE d.slug = 'slow-air'") == 0,
                Date() < finished
            {
                try await Task.sleep(for: .milliseconds(500))
            }
            try await Task.sleep(for: .seconds(3))
            let slow = recorded.requests.filter { $0.hasPrefix("/slow.csv") }.count
            let quick = recorded.requests.filter { $0.hasPrefix("/quick.csv") }.count
            #expect(slow == 2, "the slow harvest: A's interrupted download and one more by B or C (\(recorded.requests))")
            #expect(quick == 1, "the quick harvest ran once, on A (\(recorded.requests))")
            for slug in ["quick-air", "slow-air"] {
                #expect(
                    try await Self.count(
                        store, "SELECT count(*)::bigint FROM datasetversion v JOIN dataset d ON d.id = v.datasetid WHERE d.slug = '\(slug)'")
                        == 1, "\(slug) has one version")
            }
        }
        await store.close()
        try await TestPostgres.drop(name)
    }

    @Test(.enabled(if: TestPostgres.replicaURL != nil, "needs the streaming replica of .ci/postgres"))
    func theReplicaServesCatalogReadsAndItsAbsenceIsReported() async throws {
        let (db, store, name) = try await Self.database()
        let replica = try #require(TestPostgres.replicaURL).with(database: name)
        let replicaAddress = "postgres://\(replica.user)@\(replica.host):\(replica.port)/\(name)?sslmode=disable"
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).csv")
        try Data("측정소명,PM10\n아름동,44\n보람동,38\n".utf8).write(to: csv)
        let imported = try await runMokmin([
            "import", csv.path, "--dataset", "air-now", "--title", "대기 측정", "--visibility", "public", "--db", db,
        ])
        #expect(imported.status == 0, "\(imported.output)")
        let server = try ServerProcess(database: db, arguments: ["--db-replica", replicaAddress])
        defer { server.terminate() }
        try await server.waitUntilHealthy()
        let health = try await URLSession.shared.data(from: URL(string: server.base + "/health")!)
        let healthText = String(decoding: health.0, as: UTF8.self)
        #expect(healthText.contains("\"databaseKind\":\"postgresql\"") && healthText.contains("\"replica\":\"ok\""), "\(healthText)")

        // The replica's own statistics count the catalog reads it served.
        let replicaStore = try await PostgresStore.open(replica, migrate: false)
        func scans() async throws -> Int {
            try await replicaStore.connection { connection in
                let rows = try await connection.query(
                    "SELECT (COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0))::bigint FROM pg_stat_user_tables WHERE relname = 'dataset'",
                    logger: TestPostgres.quiet)
                for try await value in rows.decode(Int.self) { return value }
                return 0
            }
        }
        let before = try await scans()
        var found = ""
        for _ in 0..<5 {
            let (data, _) = try await URLSession.shared.data(from: URL(string: server.base + "/api/3/action/package_search?q=%EB%8C%80%EA%B8%B0")!)
            found = String(decoding: data, as: UTF8.self)
        }
        #expect(found.contains("air-now"), "\(found.prefix(300))")
        // Statistics reach the view within a moment.
        var after = try await scans()
        for _ in 0..<20 where after <= before {
            try await Task.sleep(for: .milliseconds(500))
            after = try await scans()
        }
        #expect(after > before, "the replica served no catalog read (scans \(before) → \(after))")
        await replicaStore.close()
        await store.close()
        try await TestPostgres.drop(name)
    }
}
