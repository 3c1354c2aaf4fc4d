import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminStore
import MokminTestSupport
import Testing

/// The board's contract: feeds and their readings, alerts, webhooks and the event log, written against the protocols
/// only (`Repositories`), so that the PostgreSQL store can be held to it unchanged.
extension RepositoryContractTests {
    // MARK: Feeds

    @Test(arguments: StoreKind.available) func feedsRoundTripEveryFieldAndNeverShowTheirKey(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let created = try await store.feeds.create(
                NewFeed(
                    name: "대기질", kind: .airKorea, url: "https://apis.data.go.kr/air", serviceKey: "SECRET", keyParameter: "ServiceKey",
                    intervalSeconds: 300, staleAfterSeconds: 1800, settings: #"{"stations":"air-stations"}"#),
                audit: boardAudit("feed.add", detail: "url=https://apis.data.go.kr/air?ServiceKey=***"))
            #expect(
                created
                    == Feed(
                        id: created.id, name: "대기질", kind: .airKorea, url: "https://apis.data.go.kr/air", hasServiceKey: true,
                        keyParameter: "ServiceKey",
                        intervalSeconds: 300, staleAfterSeconds: 1800, settings: #"{"stations":"air-stations"}"#, enabled: true, createdBy: "admin",
                        createdAt: boardT0))
            #expect(try await store.feeds.find(id: created.id) == created)
            #expect(try await store.feeds.find(name: "대기질") == created)
            #expect(try await store.feeds.serviceKey(id: created.id) == "SECRET")

            let keyless = try await store.feeds.create(
                NewFeed(name: "교통", kind: .traffic, url: "https://its.go.kr/traffic", intervalSeconds: 60, staleAfterSeconds: 600),
                audit: boardAudit("feed.add"))
            #expect(!keyless.hasServiceKey && keyless.keyParameter == "serviceKey" && keyless.settings == "{}")
            #expect(try await store.feeds.serviceKey(id: keyless.id) == nil)
            #expect(try await store.feeds.list() == [created, keyless], "listed in the order they were created")

            // The name is unique; the refused feed leaves no trace.
            await expectError(.conflict) {
                _ = try await store.feeds.create(
                    NewFeed(name: "대기질", kind: .generic, url: "https://example.kr", intervalSeconds: 60, staleAfterSeconds: 60),
                    audit: boardAudit("feed.add"))
            }
            #expect(try await store.feeds.list().count == 2)

            // Unknown ids and names are nil, not errors.
            #expect(try await store.feeds.find(id: 9_999) == nil)
            #expect(try await store.feeds.find(name: "없음") == nil)
            #expect(try await store.feeds.serviceKey(id: 9_999) == nil)

            // The creation is audited in the same call, with the caller's detail and never the key.
            let entries = try await store.audit.recent(limit: 10).filter { $0.action == "feed.add" }
            #expect(entries.count == 2)
            let entry = try #require(entries.first { $0.target == "feed \(created.id)" })
            #expect(entry.actor == "admin" && entry.at == boardT0)
            #expect(entry.detail?.contains("url=https://apis.data.go.kr/air?ServiceKey=***") == true)
            #expect(entry.detail?.contains("SECRET") == false, "the audit log never holds a service key")
        }
    }

    @Test(arguments: StoreKind.available) func aFeedIsDisabledAndRemovedWithItsSeriesButNotItsMessages(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let feed = try await store.feeds.create(
                NewFeed(name: "재난문자", kind: .disaster, url: "https://www.safetydata.go.kr/msg", intervalSeconds: 60, staleAfterSeconds: 3600),
                audit: boardAudit("feed.add"))
            let disabled = try await store.feeds.setEnabled(id: feed.id, enabled: false, audit: boardAudit("feed.disable"))
            #expect(!disabled.enabled && disabled.name == feed.name)
            #expect(try await store.feeds.find(id: feed.id)?.enabled == false)
            #expect(try await store.feeds.setEnabled(id: feed.id, enabled: true, audit: boardAudit("feed.enable")).enabled)
            await expectError(.notFound) { _ = try await store.feeds.setEnabled(id: 9_999, enabled: false, audit: boardAudit("feed.disable")) }

            let message = DisasterMessage(serial: "1", createdAt: "2027-01-15T16:00:00", text: "호우경보", regions: ["세종특별자치시"], level: .emergency)
            _ = try await store.feeds.ingest(feedID: feed.id, messages: [message], issues: 0, at: boardT0)
            let reading = FeedReading(series: "gen/a/level", source: "a", metric: "level", value: 1, time: "2027-01-15T16:00:00")
            _ = try await store.feeds.ingest(feedID: feed.id, readings: [reading], issues: 0, at: boardT0)

            try await store.feeds.remove(id: feed.id, audit: boardAudit("feed.remove"))
            #expect(try await store.feeds.find(id: feed.id) == nil)
            #expect(try await store.feeds.list().isEmpty)
            #expect(try await store.feeds.latest().isEmpty, "the feed's series go with it")
            #expect(try await store.feeds.series(id: "gen/a/level") == nil)
            #expect(try await store.feeds.readings(series: ["gen/a/level"], since: "2000-01-01T00:00:00").isEmpty)
            #expect(try await store.feeds.messages(limit: 10) == [message], "messages stay without their feed")
            await expectError(.notFound) { try await store.feeds.remove(id: feed.id, audit: boardAudit("feed.remove")) }

            let audited = try await store.audit.recent(limit: 10).filter { $0.target == "feed \(feed.id)" }.map(\.action)
            #expect(audited == ["feed.remove", "feed.enable", "feed.disable", "feed.add"], "each change is audited once: \(audited)")
        }
    }

    @Test(arguments: StoreKind.available) func aRunsHealthIsRecordedWithAFeedEvent(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let feed = try await store.feeds.create(
                NewFeed(name: "대기질", kind: .airKorea, url: "https://apis.data.go.kr/air", intervalSeconds: 300, staleAfterSeconds: 1800),
                audit: boardAudit("feed.add"))
            let t1 = boardT0.addingTimeInterval(60)
            let failed = try await store.feeds.recordFailure(id: feed.id, at: t1, error: "HTTP 500")
            var found = try #require(try await store.feeds.find(id: feed.id))
            #expect(found.lastRunAt == t1 && found.lastErrorAt == t1 && found.lastError == "HTTP 500" && found.lastSuccessAt == nil)
            let event = try #require(failed.count == 1 ? failed.first : nil)
            #expect(event.kind == .feed && event.createdAt == t1)
            let health = try boardDecode(FeedHealth.self, event.data)
            #expect(health == FeedHealth(found, now: t1) && health.state == "error", "the event carries the feed's health as stored")
            #expect(try await store.feeds.recordFailure(id: 9_999, at: t1, error: "gone").isEmpty, "an unknown feed records nothing")
            // Ingesting for an unknown feed fails and stores nothing: no series, no message, no event.
            let orphan = FeedReading(series: "air/b/pm10", source: "b", metric: "pm10", value: 1, time: "2027-01-15T17:00:00")
            let lost = DisasterMessage(serial: "9", createdAt: "2027-01-15T17:00:00", text: "없는 피드", regions: [], level: .emergency)
            #expect(try await Self.notFound { _ = try await store.feeds.ingest(feedID: 9_999, readings: [orphan], issues: 0, at: t1) })
            #expect(try await Self.notFound { _ = try await store.feeds.ingest(feedID: 9_999, readings: [], issues: 0, at: t1) })
            #expect(try await Self.notFound { _ = try await store.feeds.ingest(feedID: 9_999, messages: [lost], issues: 0, at: t1) })
            #expect(try await store.feeds.series(id: "air/b/pm10") == nil)
            #expect(try await store.feeds.messages(limit: 10).isEmpty)
            #expect(try await store.boardEvents.latestID() == event.id)

            // A success clears the error (its time stays) and counts what the run brought.
            let t2 = t1.addingTimeInterval(300)
            let reading = FeedReading(series: "air/a/pm10", source: "a", metric: "pm10", value: 40, grade: 2, time: "2027-01-15T17:00:00")
            let stored = try await store.feeds.ingest(feedID: feed.id, readings: [reading], issues: 2, at: t2)
            found = try #require(try await store.feeds.find(id: feed.id))
            #expect(
                found.lastRunAt == t2 && found.lastSuccessAt == t2 && found.lastFreshAt == t2 && found.lastError == nil && found.lastErrorAt == t1)
            #expect(found.lastCount == 1 && found.lastIssues == 2 && found.lastDataTime == "2027-01-15T17:00:00")
            let feedEvent = try #require(stored.events.last)
            #expect(feedEvent.kind == .feed && feedEvent.id > event.id)
            #expect(try boardDecode(FeedHealth.self, feedEvent.data) == FeedHealth(found, now: t2))

            // A run that brings nothing new succeeds without being fresh.
            let t3 = t2.addingTimeInterval(300)
            let again = try await store.feeds.ingest(feedID: feed.id, readings: [reading], issues: 0, at: t3)
            found = try #require(try await store.feeds.find(id: feed.id))
            #expect(again.stored == 0 && again.changed.isEmpty && again.events.map(\.kind) == [.feed])
            #expect(found.lastSuccessAt == t3 && found.lastFreshAt == t2 && found.lastIssues == 0)
            #expect(try await store.boardEvents.latestID() == again.events.last?.id)
        }
    }

    @Test(arguments: StoreKind.available) func ingestStoresNewAndRevisedReadingsAndMovesEachSeriesLatestValue(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let feed = try await store.feeds.create(
                NewFeed(name: "대기질", kind: .airKorea, url: "https://apis.data.go.kr/air", intervalSeconds: 300, staleAfterSeconds: 1800),
                audit: boardAudit("feed.add"))
            let areum = "air/아름동/pm25", jochiwon = "air/조치원읍/pm25"
            let place = GeoPoint(lon: 127.2461, lat: 36.5109)
            func air(
                _ series: String, _ value: Double?, grade: Int? = nil, _ time: String, flagged: Bool = false, location: GeoPoint? = nil,
                region: String? = nil
            ) -> FeedReading {
                let source = String(series.split(separator: "/")[1])
                return FeedReading(
                    series: series, source: source, metric: "pm25", value: value, grade: grade, time: time, flagged: flagged, location: location,
                    region: region)
            }

            // First run: three new readings; each series' latest is its newest reading.
            let first = try await store.feeds.ingest(
                feedID: feed.id,
                readings: [
                    air(areum, 30, grade: 2, "2027-01-15T16:00:00", location: place),
                    air(areum, 38, grade: 3, "2027-01-15T17:00:00", location: place),
                    air(jochiwon, nil, "2027-01-15T17:00:00", flagged: true, region: "세종특별자치시"),
                ], issues: 1, at: boardT0)
            let areumNow = SeriesStatus(
                id: areum, feedID: feed.id, source: "아름동", metric: "pm25", longitude: place.lon, latitude: place.lat,
                time: "2027-01-15T17:00:00", value: 38, grade: 3, flagged: false)
            let jochiwonNow = SeriesStatus(
                id: jochiwon, feedID: feed.id, source: "조치원읍", metric: "pm25", region: "세종특별자치시", time: "2027-01-15T17:00:00", flagged: true)
            #expect(first.stored == 3)
            #expect(first.changed == [areumNow, jochiwonNow], "ordered by series id")
            #expect(first.events.map(\.kind) == [.reading, .feed])
            #expect(first.events.allSatisfy { $0.createdAt == boardT0 })
            let readingEvent = try #require(first.events.first)
            let notice = try boardDecode(ReadingNotice.self, readingEvent.data)
            #expect(notice.feedID == feed.id && notice.feed == "대기질" && notice.kind == "airkorea" && notice.readings == first.changed)
            #expect(try await store.feeds.latest() == [areumNow, jochiwonNow])
            #expect(try await store.feeds.series(id: areum) == areumNow)
            #expect(try await store.feeds.series(id: "air/없음/pm25") == nil)

            // Second run: a repeat, a revision of an older reading and a late one. Nothing's latest moves, so no reading event.
            let t2 = boardT0.addingTimeInterval(300)
            let second = try await store.feeds.ingest(
                feedID: feed.id,
                readings: [
                    air(areum, 38, grade: 3, "2027-01-15T17:00:00"), air(areum, 31, grade: 2, "2027-01-15T16:00:00"),
                    air(areum, 25, grade: 2, "2027-01-15T15:00:00"),
                ],
                issues: 0, at: t2)
            #expect(second.stored == 2 && second.changed.isEmpty && second.events.map(\.kind) == [.feed])
            #expect(try await store.feeds.find(id: feed.id)?.lastDataTime == "2027-01-15T17:00:00", "a late reading never moves the data time back")

            // Third run: a newer reading without a location; the series keeps the location it had.
            let third = try await store.feeds.ingest(
                feedID: feed.id, readings: [air(areum, 40, grade: 3, "2027-01-15T18:00:00")], issues: 0, at: t2.addingTimeInterval(300))
            var areumLater = areumNow
            (areumLater.time, areumLater.value) = ("2027-01-15T18:00:00", 40)
            #expect(third.stored == 1 && third.changed == [areumLater] && third.events.map(\.kind) == [.reading, .feed])
            #expect(try await store.feeds.find(id: feed.id)?.lastDataTime == "2027-01-15T18:00:00")

            // Raw readings since a time (inclusive), oldest first, only for known series; where they are is the series' business.
            let raw = try await store.feeds.readings(series: [areum, jochiwon, "air/없음/pm25"], since: "2027-01-15T16:00:00")
            #expect(Set(raw.keys) == [areum, jochiwon])
            #expect(
                raw[areum].map(withoutPlace)
                    == [
                        air(areum, 31, grade: 2, "2027-01-15T16:00:00"), air(areum, 38, grade: 3, "2027-01-15T17:00:00"),
                        air(areum, 40, grade: 3, "2027-01-15T18:00:00"),
                    ])
            #expect(raw[jochiwon].map(withoutPlace) == [air(jochiwon, nil, "2027-01-15T17:00:00", flagged: true)])
            #expect(try await store.feeds.readings(series: [areum], since: "2027-01-15T15:00:00")[areum]?.first?.value == 25)
        }
    }

    @Test(arguments: StoreKind.available) func historyServesRawReadingsThenHourlyAggregatesAndCompactionKeepsItsBoundaries(_ kind: StoreKind)
        async throws
    {
        try await kind.withStore { (store: TestStore) async throws in
            let feed = try await store.feeds.create(
                NewFeed(name: "수위", kind: .generic, url: "https://example.kr/level", intervalSeconds: 60, staleAfterSeconds: 600),
                audit: boardAudit("feed.add"))
            let s = "gen/bridge/level"
            func level(_ value: Double?, _ time: String) -> FeedReading {
                FeedReading(series: s, source: "bridge", metric: "level", value: value, time: "2027-01-15T" + time)
            }
            func point(_ time: String, _ value: Double?, _ min: Double?, _ max: Double?, _ count: Int) -> SeriesPoint {
                SeriesPoint(time: "2027-01-15T" + time, value: value, min: min, max: max, count: count)
            }
            _ = try await store.feeds.ingest(
                feedID: feed.id,
                readings: [level(10, "08:00:00"), level(20, "08:30:00"), level(30, "09:00:00"), level(nil, "09:30:00"), level(50, "10:00:00")],
                issues: 0, at: boardT0)

            // Raw points, both bounds inclusive; a missing value counts nothing.
            let day = (from: "2027-01-15T08:00:00", to: "2027-01-15T10:00:00")
            let raw = [
                point("08:00:00", 10, 10, 10, 1), point("08:30:00", 20, 20, 20, 1), point("09:00:00", 30, 30, 30, 1),
                point("09:30:00", nil, nil, nil, 0),
                point("10:00:00", 50, 50, 50, 1),
            ]
            #expect(try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: nil) == raw)
            #expect(
                try await store.feeds.history(series: s, from: "2027-01-15T08:30:00", to: "2027-01-15T09:30:00", stepSeconds: nil)
                    == Array(raw[1...3]))
            #expect(try await store.feeds.history(series: "gen/none/level", from: day.from, to: day.to, stepSeconds: nil).isEmpty)
            // Buckets aligned to local midnight: mean, min, max and count of the values in each.
            #expect(
                try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: 3600)
                    == [point("08:00:00", 15, 10, 20, 2), point("09:00:00", 30, 30, 30, 1), point("10:00:00", 50, 50, 50, 1)])

            // Compaction folds hours into aggregates and deletes raw readings strictly before `rawBefore`.
            #expect(
                try await store.feeds.compact(sinceHour: "2027-01-15T08:00:00", rawBefore: "2027-01-15T09:00:00", hourlyBefore: "2027-01-14T00:00:00")
                    == 2)
            let kept = try await store.feeds.readings(series: [s], since: "2027-01-15T00:00:00")[s]?.map(\.time)
            #expect(kept == ["2027-01-15T09:00:00", "2027-01-15T09:30:00", "2027-01-15T10:00:00"])
            let folded = [point("08:00:00", 15, 10, 20, 2)] + Array(raw[2...])
            #expect(
                try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: nil) == folded,
                "the hour before the raw readings comes from its aggregate")
            #expect(
                try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: 7200)
                    == [point("08:00:00", 20, 10, 30, 3), point("10:00:00", 50, 50, 50, 1)])
            // Compacting again changes nothing.
            #expect(
                try await store.feeds.compact(sinceHour: "2027-01-15T08:00:00", rawBefore: "2027-01-15T09:00:00", hourlyBefore: "2027-01-14T00:00:00")
                    == 0)
            #expect(try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: nil) == folded)

            // Aggregates of hours strictly before `hourlyBefore` go; the hour itself stays.
            #expect(
                try await store.feeds.compact(sinceHour: "2027-01-15T11:00:00", rawBefore: "2027-01-15T10:00:00", hourlyBefore: "2027-01-15T09:00:00")
                    == 2)
            #expect(
                try await store.feeds.history(series: s, from: day.from, to: day.to, stepSeconds: nil) == [point("09:00:00", 30, 30, 30, 1), raw[4]])
        }
    }

    @Test(arguments: StoreKind.available) func disasterMessagesAreNewOnceAndCorrectedInPlace(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let feed = try await store.feeds.create(
                NewFeed(name: "재난문자", kind: .disaster, url: "https://www.safetydata.go.kr/msg", intervalSeconds: 60, staleAfterSeconds: 3600),
                audit: boardAudit("feed.add"))
            let rain = DisasterMessage(
                serial: "1001", createdAt: "2027-01-15T16:00:00", text: "호우경보 발효", regions: ["세종특별자치시", "충청남도 천안시"], level: .emergency, kind: "호우",
                registeredOn: "2027-01-15", modifiedOn: "2027-01-15T16:00:00")
            let heat = DisasterMessage(serial: "1002", createdAt: "2027-01-15T16:10:00", text: "폭염 주의", regions: [], level: .safetyGuidance)
            let first = try await store.feeds.ingest(feedID: feed.id, messages: [rain, heat], issues: 0, at: boardT0)
            #expect(first.new == [rain, heat])
            #expect(first.events.map(\.kind) == [.message, .message, .feed])
            let firstEvent = try #require(first.events.first)
            #expect(try boardDecode(DisasterMessage.self, firstEvent.data) == rain)
            #expect(try await store.feeds.messages(limit: 10) == [heat, rain], "newest first, every field kept")
            #expect(try await store.feeds.messages(limit: 1) == [heat])
            var found = try #require(try await store.feeds.find(id: feed.id))
            #expect(found.lastCount == 2 && found.lastFreshAt == boardT0 && found.lastDataTime == "2027-01-15T16:10:00")

            // A repeat is neither new nor an event; a message feed that answers is still fresh.
            let t2 = boardT0.addingTimeInterval(60)
            let repeated = try await store.feeds.ingest(feedID: feed.id, messages: [rain, heat], issues: 0, at: t2)
            #expect(repeated.new.isEmpty && repeated.events.map(\.kind) == [.feed])
            found = try #require(try await store.feeds.find(id: feed.id))
            #expect(found.lastSuccessAt == t2 && found.lastFreshAt == t2)

            // A correction (modified later) replaces the stored message and is an event, not a new message; an older copy changes nothing.
            var corrected = rain
            (corrected.text, corrected.level, corrected.modifiedOn) = ("호우경보 해제", .safetyGuidance, "2027-01-15T18:00:00")
            var stale = rain
            (stale.text, stale.modifiedOn) = ("옛 문구", "2027-01-15T15:00:00")
            let correction = try await store.feeds.ingest(feedID: feed.id, messages: [corrected, stale], issues: 0, at: t2.addingTimeInterval(60))
            #expect(correction.new.isEmpty && correction.events.map(\.kind) == [.message, .feed])
            let correctionEvent = try #require(correction.events.first)
            #expect(try boardDecode(DisasterMessage.self, correctionEvent.data) == corrected)
            // Same creation time: the higher serial first.
            let twin = DisasterMessage(serial: "1003", createdAt: "2027-01-15T16:10:00", text: "폭염 경보", regions: ["세종특별자치시"], level: .emergency)
            #expect(try await store.feeds.ingest(feedID: feed.id, messages: [twin], issues: 0, at: t2.addingTimeInterval(120)).new == [twin])
            #expect(try await store.feeds.messages(limit: 10) == [twin, heat, corrected])
        }
    }

    // MARK: Alerts

    @Test(arguments: StoreKind.available) func alertRulesRoundTripAndTheirNamesAreUnique(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let threshold = AlertRule(
                name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 35, clearThreshold: 30, durationMinutes: 10,
                severity: .critical, enabled: false)
            let disaster = AlertRule(name: "긴급재난", kind: .disaster, minLevel: .emergency, durationMinutes: 60, severity: .warning)
            let grade = AlertRule(name: "대기 등급", kind: .grade, target: "air/*/khai", minGrade: 3, severity: .info)
            var stored: [AlertRule] = []
            for rule in [threshold, disaster, grade] {
                let created = try await store.alerts.createRule(rule, audit: boardAudit("alertRule.add"))
                let id: Int64 = try #require(created.id)
                var expected = rule
                expected.id = id
                #expect(created == expected, "every field round-trips")
                stored.append(created)
            }
            let ids = try stored.map { try #require($0.id) }
            #expect(try await store.alerts.rules() == stored, "in the order they were created")
            #expect(try await store.alerts.rule(id: ids[1]) == stored[1])
            #expect(try await store.alerts.rule(id: 9_999) == nil)
            await expectError(.conflict) {
                _ = try await store.alerts.createRule(AlertRule(name: "긴급재난", kind: .staleFeed, target: "*"), audit: boardAudit("alertRule.add"))
            }
            #expect(try await store.alerts.rules().count == 3)

            try await store.alerts.removeRule(id: ids[0], audit: boardAudit("alertRule.remove"))
            #expect(try await store.alerts.rules() == Array(stored[1...]))
            await expectError(.notFound) { try await store.alerts.removeRule(id: 9_999, audit: boardAudit("alertRule.remove")) }
            let audited = try await store.audit.recent(limit: 10).map { "\($0.action) \($0.target ?? "")" }
            #expect(audited == ["alertRule.remove alertRule \(ids[0])"] + ids.reversed().map { "alertRule.add alertRule \($0)" })
        }
    }

    @Test(arguments: StoreKind.available) func alertsOpenOnceEndNoEarlierThanTheyStartedAndOutliveTheirRule(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let webhook = try await store.alerts.createWebhook(name: "상황실", url: "https://hooks.example.kr/room", audit: boardAudit("webhook.add"))
            let rule = try await store.alerts.createRule(
                AlertRule(name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 35, severity: .critical),
                audit: boardAudit("alertRule.add"))
            let ruleID = try #require(rule.id)
            let areum = "air/아름동/pm25", jochiwon = "air/조치원읍/pm25"

            let opened = try await store.alerts.apply(
                [
                    alertChange(.start, rule, areum, value: 38, at: "2027-01-15T17:00:00"),
                    alertChange(.start, rule, jochiwon, value: 40, at: "2027-01-15T17:05:00"),
                ],
                rule: rule, at: boardT0)
            #expect(opened.alerts.count == 2 && opened.events.count == 2)
            let first = try #require(opened.alerts.first)
            #expect(
                first
                    == Alert(
                        id: first.id, ruleID: ruleID, ruleName: "초미세먼지 나쁨", kind: .threshold, subject: areum, severity: .critical,
                        startedAt: "2027-01-15T17:00:00", value: 38, message: LocalizedText(ko: "\(areum) 38", en: "\(areum) 38")))
            #expect(try await store.alerts.alert(id: first.id) == first)
            #expect(try await store.alerts.alert(id: 9_999) == nil)
            for (alert, event) in zip(opened.alerts, opened.events) {
                #expect(event.kind == .alert && event.createdAt == boardT0)
                let notice = try boardDecode(AlertNotice.self, event.data)
                #expect(notice.change == "start" && notice.alert == alert)
            }
            #expect(try await store.alerts.openSubjects(ruleID: ruleID) == [areum, jochiwon])

            // At most one open alert per rule and subject: a second start is no change, no event and no delivery.
            let twice = try await store.alerts.apply(
                [alertChange(.start, rule, areum, value: 50, at: "2027-01-15T17:10:00")], rule: rule, at: boardT0)
            #expect(twice.alerts.isEmpty && twice.events.isEmpty)
            #expect(try await store.alerts.deliveries(limit: 10).count == 2)

            // An end closes the open alert (never before it started); ending what is not open changes nothing.
            let t2 = boardT0.addingTimeInterval(600)
            let ended = try await store.alerts.apply(
                [
                    alertChange(.end, rule, areum, value: 20, at: "2027-01-15T16:00:00"),
                    alertChange(.end, rule, "air/없음/pm25", value: nil, at: "2027-01-15T17:30:00"),
                ],
                rule: rule, at: t2)
            let closed = try #require(ended.alerts.count == 1 ? ended.alerts.first : nil)
            #expect(
                closed.id == first.id && closed.endedAt == "2027-01-15T17:00:00"
                    && closed.endMessage == LocalizedText(ko: "\(areum) 20", en: "\(areum) 20"))
            #expect(ended.events.count == 1)
            let endEvent = try #require(ended.events.first)
            #expect(try boardDecode(AlertNotice.self, endEvent.data).change == "end")
            #expect(try await store.alerts.openSubjects(ruleID: ruleID) == [jochiwon])
            #expect(try await store.alerts.seenSubjects(ruleID: ruleID, among: [areum, "air/없음/pm25"]) == [areum], "an ended alert was still seen")
            #expect(try await store.alerts.seenSubjects(ruleID: ruleID, among: []).isEmpty)

            // The same subject may open again: a new alert, the old one stays in the history.
            let reopened = try await store.alerts.apply([alertChange(.start, rule, areum, value: 41, at: "2027-01-15T17:40:00")], rule: rule, at: t2)
            #expect(reopened.alerts.first.map { $0.id != first.id && $0.isOpen } == true)

            // Every change was queued for the webhook, with the event's payload, due at once.
            let deliveries = try await store.alerts.deliveries(limit: 10)
            #expect(deliveries.map(\.event) == ["start", "end", "start", "start"], "newest first")
            let queued = try #require(deliveries.last)
            let startEvent = try #require(opened.events.first)
            #expect(
                queued
                    == WebhookDelivery(
                        id: queued.id, webhookID: webhook.id, webhookName: "상황실", url: "https://hooks.example.kr/room", alertID: first.id,
                        event: "start",
                        payload: startEvent.data, attempts: 0, nextAttemptAt: boardT0, createdAt: boardT0))

            // Removing the rule closes its open alerts at the removal time and keeps them, with the rule's name.
            try await store.alerts.removeRule(id: ruleID, audit: boardAudit("alertRule.remove", at: boardT0.addingTimeInterval(3600)))
            let history = try await store.alerts.alerts(AlertQuery())
            #expect(history.count == 3 && history.allSatisfy { $0.ruleID == nil && $0.ruleName == "초미세먼지 나쁨" && !$0.isOpen })
            let removedEnd = LocalizedText(ko: "규칙 삭제로 종료", en: "closed: the rule was removed")
            #expect(history.filter { $0.endMessage == removedEnd }.map(\.endedAt) == ["2027-01-15T18:00:00", "2027-01-15T18:00:00"])
            #expect(try await store.alerts.openSubjects(ruleID: ruleID).isEmpty)
            #expect(try await store.alerts.seenSubjects(ruleID: ruleID, among: [areum]).isEmpty, "the history no longer names the removed rule")
        }
    }

    @Test(arguments: StoreKind.available) func alertsAreListedNewestFirstAndFilteredByTextAndTime(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let dust = try await store.alerts.createRule(
                AlertRule(name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 35),
                audit: boardAudit("alertRule.add"))
            let slow = try await store.alerts.createRule(
                AlertRule(name: "정체 구간", kind: .slowLink, target: "traffic/*/speed", threshold: 20, durationMinutes: 10),
                audit: boardAudit("alertRule.add"))
            func change(_ rule: AlertRule, _ subject: String, _ at: String, ko: String, en: String, end: Bool = false) -> AlertChange {
                AlertChange(
                    action: end ? .end : .start, ruleID: rule.id, subject: subject, severity: .warning, value: 1, at: "2027-01-15T" + at,
                    message: LocalizedText(ko: ko, en: en))
            }
            _ = try await store.alerts.apply(
                [
                    change(dust, "air/아름동/pm25", "10:00:00", ko: "아름동 초미세먼지 38", en: "Areum PM2.5 38"),
                    change(dust, "air/조치원읍/pm25", "12:00:00", ko: "조치원읍 초미세먼지 40", en: "Jochiwon PM2.5 40"),
                ], rule: dust, at: boardT0)
            _ = try await store.alerts.apply(
                [
                    change(slow, "traffic/1001/speed", "11:00:00", ko: "한누리대로 정체", en: "Hannuri-daero slow"),
                    change(slow, "traffic/1002/speed", "11:00:00", ko: "도움로 정체", en: "Doum-ro slow"),
                ], rule: slow, at: boardT0)
            _ = try await store.alerts.apply([change(dust, "air/아름동/pm25", "13:00:00", ko: "해제", en: "cleared", end: true)], rule: dust, at: boardT0)

            func subjects(_ query: AlertQuery) async throws -> [String] { try await store.alerts.alerts(query).map(\.subject) }
            let all = ["air/조치원읍/pm25", "traffic/1002/speed", "traffic/1001/speed", "air/아름동/pm25"]
            #expect(try await subjects(AlertQuery()) == all, "by start time, newest first, then the newer alert first")
            #expect(try await subjects(AlertQuery(openOnly: true)) == Array(all[0...2]))
            #expect(try await subjects(AlertQuery(text: "초미세먼지")) == ["air/조치원읍/pm25", "air/아름동/pm25"], "the rule name or the Korean message")
            #expect(try await subjects(AlertQuery(text: "1001")) == ["traffic/1001/speed"], "the subject")
            #expect(try await subjects(AlertQuery(text: "HANNURI")) == ["traffic/1001/speed"], "the English message, whatever the case")
            #expect(try await subjects(AlertQuery(text: "정체 구간")) == ["traffic/1002/speed", "traffic/1001/speed"])
            #expect(try await subjects(AlertQuery(text: "  ")) == all, "a blank text filters nothing")
            #expect(try await subjects(AlertQuery(from: "2027-01-15T11:00:00")) == Array(all[0...2]), "from is inclusive")
            #expect(try await subjects(AlertQuery(to: "2027-01-15T11:00:00")) == Array(all[1...3]), "to is inclusive")
            let narrow = AlertQuery(openOnly: true, text: "정체", from: "2027-01-15T11:00:00", to: "2027-01-15T11:00:00", limit: 1)
            #expect(try await subjects(narrow) == ["traffic/1002/speed"], "every filter at once")
            #expect(try await subjects(AlertQuery(limit: 2)) == Array(all[0...1]))
        }
    }

    @Test(arguments: StoreKind.available) func anAlertIsAcknowledgedOnceWithAnAuditEntryAnEventAndADelivery(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            _ = try await store.alerts.createWebhook(name: "상황실", url: "https://hooks.example.kr/room", audit: boardAudit("webhook.add"))
            let rule = try await store.alerts.createRule(
                AlertRule(name: "긴급재난", kind: .disaster, minLevel: .emergency), audit: boardAudit("alertRule.add"))
            let opened = try await store.alerts.apply(
                [alertChange(.start, rule, "1001", value: nil, at: "2027-01-15T16:00:00")], rule: rule, at: boardT0)
            let alert = try #require(opened.alerts.first)

            let at = boardT0.addingTimeInterval(120)
            let acknowledged = try await store.alerts.acknowledge(id: alert.id, by: "kim", at: at)
            var expected = alert
            (expected.acknowledgedBy, expected.acknowledgedAt) = ("kim", at)
            #expect(acknowledged.alert == expected)
            #expect(try await store.alerts.alert(id: alert.id) == expected)
            let event = try #require(acknowledged.events.count == 1 ? acknowledged.events.first : nil)
            let notice = try boardDecode(AlertNotice.self, event.data)
            #expect(event.kind == .alert && notice.change == "ack" && notice.alert == expected)
            #expect(try await store.alerts.deliveries(limit: 10).map(\.event) == ["ack", "start"])
            let entry = try #require(try await store.audit.recent(limit: 1).first)
            #expect(entry.action == "alert.ack" && entry.actor == "kim" && entry.target == "alert \(alert.id)" && entry.at == at)

            // The first acknowledgement stands: a second one changes nothing, sends nothing and is not audited.
            let again = try await store.alerts.acknowledge(id: alert.id, by: "lee", at: at.addingTimeInterval(60))
            #expect(again.alert == expected && again.events.isEmpty)
            #expect(try await store.alerts.deliveries(limit: 10).count == 2)
            #expect(try await store.audit.count(action: "alert.ack", target: nil, origin: nil, since: boardT0) == 1)
            await expectError(.notFound) { _ = try await store.alerts.acknowledge(id: 9_999, by: "kim", at: at) }
        }
    }

    // MARK: Webhooks

    @Test(arguments: StoreKind.available) func dispatchersOnTwoServersNeverClaimTheSameDelivery(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            for name in ["상황실", "당직", "비서실"] {
                _ = try await store.alerts.createWebhook(name: name, url: "https://hooks.example.kr/\(name)", audit: boardAudit("webhook.add"))
            }
            let rule = try await store.alerts.createRule(AlertRule(name: "긴급재난", kind: .disaster), audit: boardAudit("alertRule.add"))
            for subject in 0..<10 {
                _ = try await store.alerts.apply(
                    [alertChange(.start, rule, "\(2000 + subject)", value: nil, at: "2027-01-15T16:00:00")], rule: rule, at: boardT0)
            }
            let until = boardT0.addingTimeInterval(120)
            let alerts = store.alerts
            // Two dispatchers, 3 rounds each, at once: every one of the 30 deliveries is claimed exactly once.
            async let a: [Int64] = {
                var ids: [Int64] = []; for _ in 0..<3 { ids += try await alerts.claimDueDeliveries(at: boardT0, limit: 7, until: until).map(\.id) };
                return ids
            }()
            async let b: [Int64] = {
                var ids: [Int64] = []; for _ in 0..<3 { ids += try await alerts.claimDueDeliveries(at: boardT0, limit: 7, until: until).map(\.id) };
                return ids
            }()
            let (first, second) = try await (a, b)
            #expect(Set(first).isDisjoint(with: second), "a delivery claimed twice")
            var rest = try await alerts.claimDueDeliveries(at: boardT0, limit: 50, until: until).map(\.id)
            rest += first + second
            #expect(rest.count == 30 && Set(rest).count == 30)
            // Claimed deliveries are due again only when the claim runs out (a dispatcher that died).
            #expect(try await alerts.dueDeliveries(at: boardT0.addingTimeInterval(60), limit: 50).isEmpty)
            #expect(try await alerts.dueDeliveries(at: until, limit: 50).count == 30)
        }
    }

    @Test(arguments: StoreKind.available) func webhookDeliveriesAreRetriedUntilDeliveredOrGivenUp(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let room = try await store.alerts.createWebhook(
                name: "상황실", url: "https://hooks.example.kr/room", audit: boardAudit("webhook.add", detail: "host=hooks.example.kr"))
            #expect(
                room == Webhook(id: room.id, name: "상황실", url: "https://hooks.example.kr/room", enabled: true, createdBy: "admin", createdAt: boardT0)
            )
            let duty = try await store.alerts.createWebhook(name: "당직", url: "https://hooks.example.kr/duty", audit: boardAudit("webhook.add"))
            #expect(try await store.alerts.webhooks() == [room, duty])
            await expectError(.conflict) {
                _ = try await store.alerts.createWebhook(name: "상황실", url: "https://other.example.kr", audit: boardAudit("webhook.add"))
            }
            #expect(try await store.alerts.webhooks().count == 2)
            let added = try #require(try await store.audit.recent(limit: 10).first { $0.target == "webhook \(room.id)" })
            #expect(
                added.action == "webhook.add" && added.detail?.contains("name=상황실") == true && added.detail?.contains("host=hooks.example.kr") == true
            )

            let rule = try await store.alerts.createRule(AlertRule(name: "긴급재난", kind: .disaster), audit: boardAudit("alertRule.add"))
            _ = try await store.alerts.apply([alertChange(.start, rule, "1001", value: nil, at: "2027-01-15T16:00:00")], rule: rule, at: boardT0)
            #expect(try await store.alerts.dueDeliveries(at: boardT0.addingTimeInterval(-1), limit: 10).isEmpty)
            let due = try await store.alerts.dueDeliveries(at: boardT0, limit: 10)
            #expect(due.map(\.webhookID) == [room.id, duty.id], "one per webhook, due at the change's time")
            try #require(due.count == 2)
            #expect(try await store.alerts.dueDeliveries(at: boardT0, limit: 1) == [due[0]])
            let (toRoom, toDuty) = (due[0], due[1])

            // A failure with a next attempt waits for it; the due list is ordered by that time.
            try await store.alerts.recordAttempt(
                deliveryID: toRoom.id, at: boardT0.addingTimeInterval(1), status: 500, error: "HTTP 500", milliseconds: 120,
                nextAttemptAt: boardT0.addingTimeInterval(61))
            var current = try await delivery(store, toRoom.id)
            #expect(
                current.attempts == 1 && current.lastStatus == 500 && current.lastError == "HTTP 500"
                    && current.nextAttemptAt == boardT0.addingTimeInterval(61))
            #expect(current.deliveredAt == nil && current.failedAt == nil)
            #expect(try await store.alerts.dueDeliveries(at: boardT0.addingTimeInterval(60), limit: 10).map(\.id) == [toDuty.id])
            #expect(try await store.alerts.dueDeliveries(at: boardT0.addingTimeInterval(61), limit: 10).map(\.id) == [toDuty.id, toRoom.id])

            // A success marks it delivered; a failure without a next attempt gives up. Neither is due again.
            try await store.alerts.recordAttempt(
                deliveryID: toRoom.id, at: boardT0.addingTimeInterval(61), status: 204, error: nil, milliseconds: 80, nextAttemptAt: nil)
            current = try await delivery(store, toRoom.id)
            #expect(current.attempts == 2 && current.deliveredAt == boardT0.addingTimeInterval(61) && current.nextAttemptAt == nil)
            #expect(current.lastStatus == 204 && current.lastError == nil && current.failedAt == nil)
            try await store.alerts.recordAttempt(
                deliveryID: toDuty.id, at: boardT0.addingTimeInterval(2), status: nil, error: "connection refused", milliseconds: 5,
                nextAttemptAt: nil)
            current = try await delivery(store, toDuty.id)
            #expect(
                current.attempts == 1 && current.failedAt == boardT0.addingTimeInterval(2) && current.nextAttemptAt == nil
                    && current.deliveredAt == nil)
            #expect(current.lastStatus == nil && current.lastError == "connection refused")
            #expect(try await store.alerts.dueDeliveries(at: boardT0.addingTimeInterval(86_400), limit: 10).isEmpty)
            // A delivery that is gone (its webhook was removed meanwhile) records nothing and is no error.
            try await store.alerts.recordAttempt(deliveryID: 9_999, at: boardT0, status: 200, error: nil, milliseconds: 1, nextAttemptAt: nil)
            #expect(try await store.alerts.deliveries(limit: 10).map(\.id) == [toDuty.id, toRoom.id], "newest first")
            #expect(try await store.alerts.deliveries(limit: 1).map(\.id) == [toDuty.id])

            // Removing a webhook removes its deliveries; later changes are queued for the webhooks that remain.
            try await store.alerts.removeWebhook(id: duty.id, audit: boardAudit("webhook.remove"))
            #expect(try await store.alerts.webhooks() == [room])
            #expect(try await store.alerts.deliveries(limit: 10).map(\.id) == [toRoom.id])
            await expectError(.notFound) { try await store.alerts.removeWebhook(id: duty.id, audit: boardAudit("webhook.remove")) }
            #expect(try await store.audit.recent(limit: 1).first.map { [$0.action, $0.target] } == ["webhook.remove", "webhook \(duty.id)"])
            _ = try await store.alerts.apply([alertChange(.end, rule, "1001", value: nil, at: "2027-01-15T17:00:00")], rule: rule, at: boardT0)
            #expect(try await store.alerts.deliveries(limit: 10).map(\.webhookID) == [room.id, room.id])
        }
    }

    // MARK: The board's event log

    @Test(arguments: StoreKind.available) func theEventLogReplaysInOrderAndPrunesOnlyOldEventsBeyondTheNewestKept(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            #expect(try await store.boardEvents.latestID() == 0)
            #expect(try await store.boardEvents.events(after: 0, limit: 10).isEmpty)
            let feed = try await store.feeds.create(
                NewFeed(name: "대기질", kind: .airKorea, url: "https://apis.data.go.kr/air", intervalSeconds: 60, staleAfterSeconds: 600),
                audit: boardAudit("feed.add"))
            var written: [BoardEvent] = []
            for minute in 0..<5 {
                written += try await store.feeds.recordFailure(
                    id: feed.id, at: boardT0.addingTimeInterval(Double(minute) * 60), error: "timeout \(minute)")
            }
            #expect(written.count == 5 && zip(written, written.dropFirst()).allSatisfy { $0.id < $1.id }, "ids grow")
            #expect(try await store.boardEvents.latestID() == written[4].id)
            #expect(try await store.boardEvents.events(after: 0, limit: 10) == written, "as written: id, kind, data and time")
            #expect(try await store.boardEvents.events(after: written[1].id, limit: 2) == Array(written[2...3]))
            #expect(try await store.boardEvents.events(after: written[4].id, limit: 10).isEmpty)

            // Only events strictly older than `before` go, and never the newest `keep`.
            #expect(try await store.boardEvents.prune(before: boardT0.addingTimeInterval(120), keep: 1) == 2)
            #expect(try await store.boardEvents.events(after: 0, limit: 10) == Array(written[2...]))
            #expect(try await store.boardEvents.prune(before: boardT0.addingTimeInterval(3600), keep: 2) == 1)
            #expect(try await store.boardEvents.prune(before: boardT0.addingTimeInterval(3600), keep: 2) == 0)
            #expect(try await store.boardEvents.events(after: 0, limit: 10) == Array(written[3...]))
            #expect(try await store.boardEvents.prune(before: boardT0.addingTimeInterval(3600), keep: 0) == 2)
            #expect(try await store.boardEvents.events(after: 0, limit: 10).isEmpty)

            // Ids are never reused, even once every event is pruned: a reconnecting client misses nothing.
            let next = try await store.feeds.recordFailure(id: feed.id, at: boardT0.addingTimeInterval(600), error: "timeout")
            #expect(next.count == 1 && next[0].id > written[4].id)
            #expect(try await store.boardEvents.events(after: written[4].id, limit: 10) == next)
            #expect(try await store.boardEvents.latestID() == next[0].id)
        }
    }
}

// MARK: Fixtures

/// 2027-01-15T08:00:00Z, 17:00 in Seoul.
private let boardT0 = Date(timeIntervalSince1970: 1_800_000_000)

private func boardAudit(_ action: String, detail: String? = nil, at: Date = boardT0) -> AuditEvent {
    AuditEvent(actor: "admin", action: action, detail: detail, at: at)
}

private func alertChange(_ action: AlertChange.Action, _ rule: AlertRule, _ subject: String, value: Double?, at: String) -> AlertChange {
    let text = "\(subject)" + (value.map { " \(Int($0))" } ?? "")
    return AlertChange(
        action: action, ruleID: rule.id, subject: subject, severity: rule.severity, value: value, at: at, message: LocalizedText(ko: text, en: text))
}

/// Expects `body` to throw a ``MokminError`` of `kind`.
private func expectError(_ kind: MokminError.Kind, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
    let error = await #expect(throws: MokminError.self, sourceLocation: sourceLocation) { try await body() }
    #expect(error?.kind == kind, sourceLocation: sourceLocation)
}

/// An event's JSON, read the way clients read it.
private func boardDecode<T: Decodable>(_ type: T.Type, _ data: String) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(type, from: Data(data.utf8))
}

/// The delivery with this id.
private func delivery(_ store: TestStore, _ id: Int64) async throws -> WebhookDelivery {
    try #require(try await store.alerts.deliveries(limit: 1_000).first { $0.id == id })
}

/// A raw reading as the store gives it back: where the source is belongs to the series.
private func withoutPlace(_ readings: [FeedReading]) -> [FeedReading] {
    readings.map { reading in
        var reading = reading
        (reading.location, reading.region) = (nil, nil)
        return reading
    }
}

/// The `reading` event's data.
private struct ReadingNotice: Decodable {
    var feedID: Int64
    var feed: String
    var kind: String
    var ingestedAt: Double
    var readings: [SeriesStatus]
}

/// The `alert` event's data (and a webhook's payload).
private struct AlertNotice: Decodable {
    var change: String
    var alert: Alert

}

extension RepositoryContractTests {
    /// Whether `body` fails as "not found" (what every store says of an unknown feed, whatever the batch holds).
    static func notFound(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch let error as MokminError {
            return error.kind == .notFound
        } catch {
            return false
        }
    }
}
