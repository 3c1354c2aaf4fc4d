import Foundation
import MokminBase
import MokminCore
@testable import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// Feeds, harvests and webhooks through the outbound client: an inside URL is refused with the rule named and the
/// service key nowhere, a harvest stops at its size cap, a webhook waits until its host is allowed, reports stay
/// bounded, and the audit log names every changed URL without its secrets.
@Suite struct OutboundServicesTests {
    /// A harvest service on a fresh seeded database, with the repositories (for its audit log).
    static func harvests(_ inside: InsideHosts, limits: OutboundLimits = .harvest) async throws -> (HarvestService, Repositories) {
        let (database, regions) = try await Fixtures.seededDatabase()
        let repositories = Repositories.grdb(database)
        var service = HarvestService(
            harvests: repositories.harvests, datasets: repositories.datasets,
            importer: ImportService(datasets: repositories.datasets, regions: regions),
            http: OutboundHTTP(insideHosts: { inside }))
        service.limits = limits
        return (service, repositories)
    }

    @Test func aFeedAndAHarvestOnAnInsideURLAreRefusedWithTheRuleAndWithoutTheKey() async throws {
        let kit = try BoardKit.inMemory(inside: .none)
        let (harvests, _) = try await Self.harvests(.none)
        let server = RecordedResponseServer()
        server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 10:00", pm25: "20")])))
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air", key: "FEED-SECRET-1")
            let report = await kit.feeds.run(feed)
            #expect(report.error?.contains("rule: loopback") == true && report.error?.contains("FEED-SECRET-1") == false, "\(report.error ?? "")")
            let health = try #require(try await kit.feeds.health().first)
            #expect(health.state == "error" && health.lastError?.contains("루프백") == true)
            let tested = await #expect(throws: MokminError.self) { _ = try await kit.feeds.test("air") }
            #expect(tested?.kind == .upstream && tested?.message.en.contains("rule: loopback") == true)

            let harvest = try await harvests.add(
                NewHarvest(
                    datasetSlug: "air", url: base + "/air", format: "json", serviceKey: "HARVEST-SECRET-2", intervalMinutes: 60,
                    uniqueKey: ["stationName"]),
                actor: "admin1")
            let failed = await #expect(throws: MokminError.self) { _ = try await harvests.run(id: harvest.id) }
            #expect(failed?.kind == .upstream && failed?.message.en.contains("rule: loopback") == true)
            #expect(failed?.message.description.contains("HARVEST-SECRET-2") == false)
            #expect(try await harvests.store.find(id: harvest.id)?.lastError?.contains("loopback") == true)
            #expect(try await harvests.datasets.dataset(slug: "air") == nil)
            #expect(server.requests.isEmpty, "nothing reached the server")
        }
    }

    @Test func aHarvestPastItsSizeCapStopsAndStoresNothing() async throws {
        let (harvests, _) = try await Self.harvests(RecordedResponseServer.insideHosts, limits: OutboundLimits(maxBytes: 2048, timeout: .seconds(10)))
        let server = RecordedResponseServer()
        let rows = (0..<400).map { "정류장\($0),\($0)" }.joined(separator: "\n")
        server.set("/bus.csv", .init(contentType: "text/csv", body: "정류장ID,대수\n" + rows, streamed: true))
        try await server.withRunning { base in
            let harvest = try await harvests.add(
                NewHarvest(datasetSlug: "bus", url: base + "/bus.csv", format: "csv", serviceKey: nil, intervalMinutes: 60, uniqueKey: ["정류장ID"]),
                actor: nil)
            let failed = await #expect(throws: MokminError.self) { _ = try await harvests.run(id: harvest.id) }
            #expect(failed?.message.en.contains("larger than 2 KiB") == true && failed?.message.en.contains("rule: size") == true)
            #expect(try await harvests.datasets.dataset(slug: "bus") == nil)
        }
    }

    @Test func aWebhookToAnInsideHostIsRetriedUntilAnAdminAllowsIt() async throws {
        let kit = try BoardKit.inMemory(inside: .none)
        let rule = try await kit.alerts.addRule(AlertFlowTests.pm25Rule, actor: "analyst")
        let server = RecordedResponseServer()
        server.set("/hook", .init(body: "ok"))
        try await server.withRunning { base in
            _ = try await kit.alerts.addWebhook(name: "상황실", url: base + "/hook", actor: "admin")
            let start = Date()
            let change = AlertChange(
                action: .start, ruleID: rule.id, subject: "air/아름동/pm25", severity: .warning, value: 40, at: "2026-11-23T10:00:00",
                message: LocalizedText(ko: "아름동 40", en: "Areum-dong 40"))
            _ = try await kit.repositories.alerts.apply([change], rule: rule, at: start)
            let refusing = WebhookDispatcher(alerts: kit.repositories.alerts, http: kit.http, firstRetry: 30, maxDelay: 600, maxAttempts: 3)
            #expect(await refusing.deliverDue(now: start) == 1)
            let delivery = try #require(try await kit.repositories.alerts.deliveries(limit: 1).first)
            #expect(delivery.lastStatus == nil && delivery.lastError?.contains("rule: loopback") == true && delivery.nextAttemptAt != nil)
            #expect(server.postedBodies.isEmpty)

            let allowing = WebhookDispatcher(
                alerts: kit.repositories.alerts, http: OutboundHTTP(insideHosts: { RecordedResponseServer.insideHosts }), firstRetry: 30)
            #expect(await allowing.deliverDue(now: try #require(delivery.nextAttemptAt).addingTimeInterval(1)) == 1)
            #expect(try await kit.repositories.alerts.deliveries(limit: 1).first?.deliveredAt != nil)
            #expect(server.postedBodies.count == 1)
        }
    }

    @Test func whatATestOrARunReturnsOfAnAnswerIsBounded() async throws {
        let kit = try BoardKit.inMemory()
        let server = RecordedResponseServer()
        let leak = "LEAK-" + String(repeating: "s", count: 5000)
        let items = (0..<60).map { BoardKit.station("측정소\($0)", "2026-11-23 10:00", pm25: leak) }
        server.set("/air", .init(body: BoardKit.airKorea(items)))
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air")
            for report in [try await kit.feeds.test("air"), await kit.feeds.run(feed)] {
                #expect(report.items >= 60, "every station's readings")
                #expect(report.issues.count == 21 && report.issues.last?.contains("40 more not shown") == true, "\(report.issues.count)")
                #expect(report.issues.allSatisfy { $0.count <= 200 } && report.sample.allSatisfy { $0.count <= 200 })
                let encoded = try JSONEncoder().encode(report)
                #expect(encoded.count < 8_000, "\(encoded.count) bytes")
            }
        }
    }

    @Test func theAuditLogNamesEachChangedURLWithoutItsSecrets() async throws {
        let kit = try BoardKit.inMemory()
        let (harvests, harvestRepositories) = try await Self.harvests(.none)
        let feedURL = "https://apis.data.go.kr/B552584/getCtprvnRltmMesureDnsty?serviceKey=INLINE-KEY-1&sidoName=%EC%84%B8%EC%A2%85"
        _ = try await kit.add("air", url: feedURL, key: "STORED-KEY-2")
        _ = try await kit.feeds.setEnabled("air", enabled: false, actor: "analyst")
        try await kit.feeds.remove("air", actor: "analyst")
        let harvest = try await harvests.add(
            NewHarvest(
                datasetSlug: "bus", url: "https://api.example.org/bus.csv?apiKey=INLINE-KEY-3&city=sejong", format: "csv", serviceKey: "STORED-KEY-4",
                intervalMinutes: 60, uniqueKey: ["id"]), actor: "admin1")
        try await harvests.remove(id: harvest.id, actor: "admin1")
        let hook = try await kit.alerts.addWebhook(
            name: "메신저", url: "https://hooks.example.org/services/T01/B02/AbCdEfGhIjKlMnOpQrStUvWx34", actor: "admin1")
        try await kit.alerts.removeWebhook(id: hook.id, actor: "admin1")

        func details(_ repositories: Repositories) async throws -> [String: String] {
            let events = try await repositories.audit.recent(limit: 20)
            return Dictionary(events.map { ($0.action, $0.detail ?? "") }, uniquingKeysWith: { first, _ in first })
        }
        let boardDetails = try await details(kit.repositories)
        for action in ["feed.add", "feed.disable", "feed.remove"] {
            #expect(
                boardDetails[action]?.contains("url=https://apis.data.go.kr/B552584/getCtprvnRltmMesureDnsty?serviceKey=***&sidoName=") == true,
                "\(action)")
        }
        for action in ["webhook.add", "webhook.remove"] {
            #expect(
                boardDetails[action]?.contains("url=https://hooks.example.org/services/T01/B02/***") == true,
                "\(action): \(boardDetails[action] ?? "")")
        }
        let harvestDetails = try await details(harvestRepositories)
        for action in ["harvest.add", "harvest.remove"] {
            #expect(harvestDetails[action]?.contains("url=https://api.example.org/bus.csv?apiKey=***&city=sejong") == true, "\(action)")
        }
        let everything = (Array(boardDetails.values) + Array(harvestDetails.values)).joined(separator: " ")
        for secret in ["INLINE-KEY-1", "STORED-KEY-2", "INLINE-KEY-3", "STORED-KEY-4", "AbCdEfGhIjKlMnOpQrStUvWx34"] {
            #expect(!everything.contains(secret), "\(secret)")
        }
    }
}
