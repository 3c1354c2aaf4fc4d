import Foundation
import MokminBase
import MokminCore
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// Alert rules fire and clear with hysteresis, acknowledgements are recorded, webhooks are retried, and a restart
/// neither repeats nor loses an alert — through the same services the server runs.
@Suite struct AlertFlowTests {
    static let pm25Rule = AlertRule(
        name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36, clearThreshold: 31, severity: .warning)

    /// Runs the feed once on an answer with one PM2.5 value at `hour`.
    static func run(_ kit: BoardKit, _ feed: Feed, _ server: RecordedResponseServer, pm25: String, hour: Int) async {
        server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 \(hour):00", pm25: pm25)])))
        _ = await kit.feeds.run(feed)
    }

    @Test func aThresholdRuleFiresAndClearsWithHysteresis() async throws {
        let kit = try BoardKit.inMemory()
        _ = try await kit.alerts.addRule(Self.pm25Rule, actor: "analyst")
        let server = RecordedResponseServer()
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air")
            await Self.run(kit, feed, server, pm25: "30", hour: 10)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery()).isEmpty)
            await Self.run(kit, feed, server, pm25: "38", hour: 11)
            var alerts = try await kit.repositories.alerts.alerts(AlertQuery())
            #expect(alerts.count == 1 && alerts[0].isOpen && alerts[0].startedAt == "2026-11-23T11:00:00" && alerts[0].value == 38)
            #expect(alerts[0].message.ko.contains("아름동"))
            await Self.run(kit, feed, server, pm25: "33", hour: 12)
            alerts = try await kit.repositories.alerts.alerts(AlertQuery())
            #expect(alerts.count == 1 && alerts[0].isOpen, "33 is between 31 and 36: still open")
            await Self.run(kit, feed, server, pm25: "40", hour: 13)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery()).count == 1, "no second alert while one is open")
            await Self.run(kit, feed, server, pm25: "30", hour: 14)
            alerts = try await kit.repositories.alerts.alerts(AlertQuery())
            #expect(alerts.count == 1 && alerts[0].endedAt == "2026-11-23T14:00:00")
            await Self.run(kit, feed, server, pm25: "34", hour: 15)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery()).count == 1, "34 is below 36: no new alert")
            await Self.run(kit, feed, server, pm25: "37", hour: 16)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true)).count == 1)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery()).count == 2)
        }
    }

    @Test func aRestartNeitherRepeatsNorLosesAnAlert() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.sqlite").path
        let server = RecordedResponseServer()
        try await server.withRunning { base in
            do {
                let kit = BoardKit(database: try AppDatabase(path: path))
                _ = try await kit.alerts.addRule(Self.pm25Rule, actor: "analyst")
                let feed = try await kit.add("air", url: base + "/air")
                await Self.run(kit, feed, server, pm25: "45", hour: 10)
                try kit.database.close()
            }
            // The server restarts on the same file: the open alert is still open, and a new high value adds nothing.
            let kit = BoardKit(database: try AppDatabase(path: path))
            let feed = try #require(try await kit.repositories.feeds.find(name: "air"))
            var open = try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true))
            #expect(open.count == 1 && open[0].value == 45)
            await Self.run(kit, feed, server, pm25: "50", hour: 11)
            open = try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true))
            #expect(open.count == 1 && open[0].startedAt == "2026-11-23T10:00:00")
            await Self.run(kit, feed, server, pm25: "20", hour: 12)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true)).isEmpty)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery()).count == 1)
            try kit.database.close()
        }
    }

    @Test func anAcknowledgementIsRecordedOnceWithWhoAndWhen() async throws {
        let kit = try BoardKit.inMemory()
        let rule = try await kit.alerts.addRule(Self.pm25Rule, actor: "analyst")
        let change = AlertChange(
            action: .start, ruleID: rule.id, subject: "air/아름동/pm25", severity: .warning, value: 40, at: "2026-11-23T10:00:00",
            message: LocalizedText(ko: "아름동 40", en: "Areum-dong 40"))
        let (opened, _) = try await kit.repositories.alerts.apply([change], rule: rule, at: Date())
        let id = try #require(opened.first?.id)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let acked = try await kit.alerts.acknowledge(id: id, by: "official", at: at)
        #expect(acked.acknowledgedBy == "official" && acked.acknowledgedAt == at)
        let again = try await kit.alerts.acknowledge(id: id, by: "someone-else", at: at.addingTimeInterval(60))
        #expect(again.acknowledgedBy == "official" && again.acknowledgedAt == at, "the first acknowledgement stands")
        let audit = try await kit.repositories.audit.recent(limit: 10)
        #expect(audit.contains { $0.action == "alert.ack" && $0.actor == "official" && $0.target == "alert \(id)" })
        let missing = await #expect(throws: MokminError.self) { try await kit.alerts.acknowledge(id: 9999, by: "official") }
        #expect(missing?.kind == .notFound)
    }

    @Test func webhooksAreRetriedWithBackOffAndEveryAttemptIsLogged() async throws {
        let kit = try BoardKit.inMemory()
        let rule = try await kit.alerts.addRule(Self.pm25Rule, actor: "analyst")
        let server = RecordedResponseServer()
        server.set("/hook", .init(status: .serviceUnavailable, body: "busy"))
        try await server.withRunning { base in
            _ = try await kit.alerts.addWebhook(name: "상황실", url: base + "/hook", actor: "admin")
            let start = Date()
            let change = AlertChange(
                action: .start, ruleID: rule.id, subject: "air/아름동/pm25", severity: .warning, value: 40, at: "2026-11-23T10:00:00",
                message: LocalizedText(ko: "아름동 40", en: "Areum-dong 40"))
            _ = try await kit.repositories.alerts.apply([change], rule: rule, at: start)
            let dispatcher = WebhookDispatcher(
                alerts: kit.repositories.alerts, http: kit.http, firstRetry: 30, maxDelay: 600, maxAttempts: 3, timeout: 15)
            #expect(await dispatcher.deliverDue(now: start) == 1)
            var delivery = try #require(try await kit.repositories.alerts.deliveries(limit: 1).first)
            #expect(delivery.attempts == 1 && delivery.lastStatus == 503 && delivery.deliveredAt == nil)
            let next = try #require(delivery.nextAttemptAt)
            #expect(next.timeIntervalSince(start) >= 29, "the retry waits 30 s")
            #expect(await dispatcher.deliverDue(now: start.addingTimeInterval(5)) == 0, "not due yet")

            server.set("/hook", .init(status: .ok, body: "ok"))
            #expect(await dispatcher.deliverDue(now: next.addingTimeInterval(1)) == 1)
            delivery = try #require(try await kit.repositories.alerts.deliveries(limit: 1).first)
            #expect(delivery.attempts == 2 && delivery.deliveredAt != nil && delivery.nextAttemptAt == nil)
            let bodies = server.postedBodies
            #expect(bodies.count == 2)
            let json = try JSONSerialization.jsonObject(with: Data(bodies[1].body.utf8)) as? [String: Any]
            #expect(json?["change"] as? String == "start")
            #expect((json?["alert"] as? [String: Any])?["subject"] as? String == "air/아름동/pm25")
        }
        // Back-off doubles and stops after the last attempt.
        let dispatcher = WebhookDispatcher(alerts: kit.repositories.alerts, http: kit.http, firstRetry: 30, maxDelay: 100, maxAttempts: 4)
        #expect([1, 2, 3, 4].map { dispatcher.delay(afterAttempts: $0) } == [30, 60, 100, nil])
    }

    @Test func staleFeedAndSlowLinkRulesFire() async throws {
        let kit = try BoardKit.inMemory()
        _ = try await kit.alerts.addRule(
            AlertRule(name: "지연", kind: .staleFeed, target: "*", durationMinutes: 10, severity: .warning), actor: nil)
        _ = try await kit.alerts.addRule(
            AlertRule(name: "정체", kind: .slowLink, target: "traffic/*/speed", threshold: 15, durationMinutes: 10, severity: .warning), actor: nil)
        let server = RecordedResponseServer()
        @Sendable func traffic(_ speed: String, _ minute: Int) -> String {
            #"{"header":{"resultCode":0},"body":{"items":[{"roadName":"한누리대로","linkId":"L1","speed":"\#(speed)","travelTime":"60","createdDate":"202611231\#(String(format: "%03d", minute))00"}]}}"#
        }
        try await server.withRunning { base in
            let feed = try await kit.add("traffic", kind: .traffic, url: base + "/t")
            for (minute, speed) in [(0, "12"), (5, "10"), (9, "11")] {
                server.set("/t", .init(body: traffic(speed, minute)))
                _ = await kit.feeds.run(feed)
            }
            #expect(try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true)).isEmpty, "slow for 9 minutes only")
            server.set("/t", .init(body: traffic("9", 11)))
            _ = await kit.feeds.run(feed)
            let open = try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true))
            #expect(open.map(\.subject) == ["traffic/L1/speed"])

            // Nothing new for 11 minutes: the stale-feed rule fires on the timed check, and clears when data returns.
            let created = try #require(try await kit.repositories.feeds.find(name: "traffic"))
            let later = (created.lastFreshAt ?? Date()).addingTimeInterval(11 * 60)
            await kit.alerts.periodic(now: later)
            #expect(try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true, text: "traffic")).contains { $0.kind == .staleFeed })
            server.set("/t", .init(body: traffic("40", 12)))
            _ = await kit.feeds.run(feed, at: later.addingTimeInterval(1))
            await kit.alerts.periodic(now: later.addingTimeInterval(2))
            let stillOpen = try await kit.repositories.alerts.alerts(AlertQuery(openOnly: true))
            #expect(stillOpen.isEmpty, "both cleared: \(stillOpen.map(\.subject))")
        }
    }
}
