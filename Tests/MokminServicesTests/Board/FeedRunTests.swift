import Foundation
import MokminBase
import MokminCore
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// Feeds read recorded responses from a local server: valid ones, `-` values, flagged values, `24:00`, duplicates,
/// malformed JSON, HTTP errors and timeouts. Each run's outcome is in the store and in the feed's health.
@Suite struct FeedRunTests {
    @Test func airKoreaReadingsAreStoredWithTheirQuirks() async throws {
        let kit = try BoardKit.inMemory()
        let server = RecordedResponseServer()
        server.set(
            "/air",
            .init(
                body: BoardKit.airKorea([
                    BoardKit.station("아름동", "2026-11-22 24:00", pm25: "38"),
                    BoardKit.station("도담동", "2026-11-22 24:00", pm25: "-"),
                    BoardKit.station("한솔동", "2026-11-22 24:00", pm25: "12", pm25Flag: "통신장애"),
                    BoardKit.station("아름동", "2026-11-22 24:00", pm25: "99"),
                ])))
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air", key: "SECRET-KEY-42")
            let report = await kit.feeds.run(feed)
            #expect(report.error == nil)
            #expect(report.issues.count == 1, "the repeated station and time is one issue")
            #expect(server.requests.last?.contains("serviceKey=SECRET-KEY-42") == true)

            let arum = try #require(try await kit.repositories.feeds.series(id: "air/아름동/pm25"))
            #expect(arum.value == 38 && arum.time == "2026-11-23T00:00:00" && arum.grade == nil, "the item gave no grade")
            let dodam = try #require(try await kit.repositories.feeds.series(id: "air/도담동/pm25"))
            #expect(dodam.value == nil && !dodam.flagged)
            let hansol = try #require(try await kit.repositories.feeds.series(id: "air/한솔동/pm25"))
            #expect(hansol.value == nil && hansol.flagged)

            let health = try #require(try await kit.feeds.health().first)
            #expect(health.state == "ok" && health.lastDataTime == "2026-11-23T00:00:00" && health.lastIssues == 1)
            let fresh = health.lastFreshAt

            // The same answer again stores nothing and is not fresh data.
            let again = await kit.feeds.run(feed, at: Date().addingTimeInterval(60))
            #expect(again.stored == 0 && again.error == nil)
            #expect(try await kit.feeds.health().first?.lastFreshAt == fresh)
        }
    }

    @Test func aRevisedValueReplacesTheStoredOneAndAnOlderHourDoesNotBecomeLatest() async throws {
        let kit = try BoardKit.inMemory()
        let server = RecordedResponseServer()
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air")
            server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 10:00", pm25: "20")])))
            _ = await kit.feeds.run(feed)
            server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 10:00", pm25: "22")])))
            let revised = await kit.feeds.run(feed)
            #expect(revised.stored >= 1)
            #expect(try await kit.repositories.feeds.series(id: "air/아름동/pm25")?.value == 22)
            server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 09:00", pm25: "50")])))
            _ = await kit.feeds.run(feed)
            let latest = try await kit.repositories.feeds.series(id: "air/아름동/pm25")
            #expect(latest?.value == 22 && latest?.time == "2026-11-23T10:00:00", "a late older hour is stored but is not the latest")
            let history = try await kit.repositories.feeds.history(
                series: "air/아름동/pm25", from: "2026-11-23T00:00:00", to: "2026-11-23T23:00:00", stepSeconds: nil)
            #expect(history.map(\.value) == [50, 22])
        }
    }

    @Test func brokenAnswersAreRecordedOnTheFeedAndNeverStopAnother() async throws {
        // The timeout is one deadline for the whole request: room for a machine busy with the whole suite (the pabutools
        // comparison keeps one core busy for a quarter of an hour), and a slow answer well past it.
        let kit = try BoardKit.inMemory(timeout: 10)
        let server = RecordedResponseServer()
        server.set("/good", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 10:00", pm25: "20")])))
        server.set("/malformed", .init(body: #"{"response": {"body": {"items": [ {"stationName": "#))
        server.set("/error", .init(status: .internalServerError, body: "oops"))
        server.set("/slow", .init(body: BoardKit.airKorea([]), delay: .seconds(20)))
        server.set("/api-error", .init(body: #"{"response":{"header":{"resultCode":"30","resultMsg":"SERVICE KEY IS NOT REGISTERED ERROR."}}}"#))
        try await server.withRunning { base in
            let expectations: [(String, String)] = [
                ("malformed", "JSON"), ("error", "500"), ("slow", "timed out"), ("api-error", "resultCode 30"),
            ]
            for (path, _) in expectations { _ = try await kit.add(path, url: base + "/" + path, key: "KEY-\(path)-SECRET") }
            let good = try await kit.add("good", url: base + "/good")
            for feed in try await kit.repositories.feeds.list() {
                let report = await kit.feeds.run(feed)
                if feed.id == good.id { #expect(report.error == nil && report.stored > 0) }
            }
            let health = Dictionary(uniqueKeysWithValues: try await kit.feeds.health().map { ($0.name, $0) })
            for (name, reason) in expectations {
                let h = try #require(health[name])
                #expect(h.state == "error", "\(name)")
                #expect(h.lastError?.contains(reason) == true, "\(name): \(h.lastError ?? "nil")")
                #expect(h.lastError?.contains("SECRET") == false, "the key never appears in an error")
            }
            #expect(health["good"]?.state == "ok")
        }
    }

    @Test func aFeedWithoutNewDataBecomesStale() async throws {
        let kit = try BoardKit.inMemory()
        let server = RecordedResponseServer()
        server.set("/air", .init(body: BoardKit.airKorea([BoardKit.station("아름동", "2026-11-23 10:00", pm25: "20")])))
        try await server.withRunning { base in
            let feed = try await kit.add("air", url: base + "/air")
            let start = Date()
            _ = await kit.feeds.run(feed, at: start)
            #expect(try await kit.feeds.health(now: start.addingTimeInterval(300)).first?.stale == false)
            // Answers keep coming, but with nothing new: after 600 s the feed is stale.
            _ = await kit.feeds.run(feed, at: start.addingTimeInterval(500))
            let later = try #require(try await kit.feeds.health(now: start.addingTimeInterval(700)).first)
            #expect(later.stale && later.state == "stale")
        }
    }

    @Test func disasterMessagesAreFilteredToTheCityAndDeduplicated() async throws {
        let kit = try BoardKit.inMemory()
        let server = RecordedResponseServer()
        func message(_ sn: String, _ region: String, _ level: String, modified: String = "2026/11/23") -> String {
            #"{"SN":"\#(sn)","CRT_DT":"2026/11/23 09:10:00","MSG_CN":"메시지 \#(sn)","RCPTN_RGN_NM":"\#(region)","EMRG_STEP_NM":"\#(level)","DST_SE_NM":"호우","REG_YMD":"2026/11/23","MDFCN_YMD":"\#(modified)"}"#
        }
        let body = #"{"header":{"resultCode":"00"},"body":[\#(message("1", "세종특별자치시 전체", "안전안내")),\#(message("2", "충청북도 청주시", "긴급재난")),\#(message("1", "세종특별자치시 전체", "안전안내")),\#(message("3", "세종특별자치시 조치원읍", "긴급재난"))]}"#
        server.set("/msg", .init(body: body))
        try await server.withRunning { base in
            let feed = try await kit.add("msg", kind: .disaster, url: base + "/msg")
            let first = await kit.feeds.run(feed)
            #expect(first.error == nil && first.stored == 2, "\(first)")
            let second = await kit.feeds.run(feed)
            #expect(second.stored == 0)
            let stored = try await kit.repositories.feeds.messages(limit: 10)
            #expect(Set(stored.map(\.serial)) == ["1", "3"])
        }
    }

    @Test func theSameChecksRefuseBadFeeds() async throws {
        let kit = try BoardKit.inMemory()
        let good = NewFeed(name: "air", kind: .airKorea, url: "http://127.0.0.1/air", intervalSeconds: 60, staleAfterSeconds: 600)
        var cases: [(NewFeed, String)] = []
        var bad = good
        bad.url = "ftp://x/air"
        cases.append((bad, "http"))
        bad = good
        bad.intervalSeconds = 1
        cases.append((bad, "interval"))
        bad = good
        bad.staleAfterSeconds = 10
        cases.append((bad, "stale"))
        bad = good
        bad.kind = .generic
        cases.append((bad, "mapping"))
        bad = good
        bad.settings = #"{"locationDataset": "nope", "keyColumn": "name"}"#
        cases.append((bad, "nope"))
        bad = good
        bad.settings = "{not json"
        cases.append((bad, "JSON"))
        for (feed, word) in cases {
            let error = await #expect(throws: MokminError.self) { try await kit.feeds.add(feed, actor: nil) }
            #expect(error?.message.en.contains(word) == true, "\(error?.message.en ?? "")")
        }
        #expect(try await kit.repositories.feeds.list().isEmpty)
    }
}
