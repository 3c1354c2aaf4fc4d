import Foundation
import MokminCore
import Testing

/// Rules that depend on time: slow links (a window of readings), stale feeds and disaster messages (the clock).
@Suite struct AlertEvaluatorTimedTests {
    static let tenAM = AlertEvaluatorTests.tenAM
    static let slow = AlertRule(id: 5, name: "정체", kind: .slowLink, target: "traffic/*/speed", threshold: 20, durationMinutes: 15)
    static let link = "traffic/2530001500/speed"

    /// Readings of the link at the given local times with the given speeds.
    static func readings(_ points: [(String, Double?)]) -> [FeedReading] {
        points.map { AlertEvaluatorTests.reading(link, $0.1, at: $0.0) }
    }

    static func slowLink(_ points: [(String, Double?)], open: Set<String> = []) -> [AlertChange] {
        let all = readings(points)
        let observation = AlertObservation(series: link, latest: all[all.count - 1], recent: Array(all.dropLast()))
        return AlertEvaluator.evaluate(slow, open: open, observations: [observation])
    }

    @Test func slowLinkFiresWhenTheWholeWindowIsSlow() throws {
        let changes = Self.slowLink([
            ("2025-06-01T10:00:00", 12), ("2025-06-01T10:05:00", 15), ("2025-06-01T10:10:00", 18), ("2025-06-01T10:15:00", 14),
        ])
        let start = try #require(changes.first)
        #expect(changes.count == 1 && start.action == .start && start.subject == Self.link && start.ruleID == 5)
        #expect(start.value == 14 && start.at == "2025-06-01T10:15:00")
        #expect(start.message.ko == "2530001500 속도 14 km/h — 15분 이상 20 km/h 미만")
    }

    @Test func slowLinkWindowShorterThanDurationDoesNotFire() {
        #expect(Self.slowLink([("2025-06-01T10:05:00", 10), ("2025-06-01T10:10:00", 10), ("2025-06-01T10:15:00", 10)]).isEmpty)
        #expect(Self.slowLink([("2025-06-01T10:00:01", 10), ("2025-06-01T10:15:00", 10)]).isEmpty)
        #expect(Self.slowLink([("2025-06-01T10:15:00", 10)]).isEmpty)
    }

    @Test func oneFastReadingInTheWindowPreventsFiringButMissingOnesDoNot() {
        #expect(Self.slowLink([("2025-06-01T10:00:00", 12), ("2025-06-01T10:05:00", 20), ("2025-06-01T10:15:00", 14)]).isEmpty)
        #expect(Self.slowLink([("2025-06-01T10:00:00", 12), ("2025-06-01T10:05:00", nil), ("2025-06-01T10:15:00", 14)]).count == 1)
        // The latest reading itself must be slow and present.
        #expect(Self.slowLink([("2025-06-01T10:00:00", 12), ("2025-06-01T10:15:00", nil)]).isEmpty)
        #expect(Self.slowLink([("2025-06-01T10:00:00", 12), ("2025-06-01T10:15:00", 20)]).isEmpty)
    }

    @Test func readingsBeforeTheWindowStartDoNotCount() {
        // 09:58 covers the window start (10:14 − 15 min = 09:59); the fast 09:40 reading is older than that.
        let changes = Self.slowLink([
            ("2025-06-01T09:40:00", 60), ("2025-06-01T09:58:00", 11), ("2025-06-01T10:06:00", 12), ("2025-06-01T10:14:00", 13),
        ])
        #expect(changes.map(\.action) == [.start])
    }

    @Test func slowLinkWindowCrossesMidnight() {
        #expect(Self.slowLink([("2025-06-01T23:50:00", 9), ("2025-06-01T23:58:00", 8), ("2025-06-02T00:05:00", 7)]).count == 1)
        #expect(Self.slowLink([("2025-06-01T23:51:00", 9), ("2025-06-02T00:05:00", 7)]).isEmpty)
    }

    @Test func slowLinkEndsWhenTheLatestSpeedReachesTheThreshold() {
        let open: Set<String> = [Self.link]
        #expect(Self.slowLink([("2025-06-01T10:15:00", 19.9)], open: open).isEmpty)
        let end = Self.slowLink([("2025-06-01T10:15:00", 20)], open: open)
        #expect(end.map(\.action) == [.end] && end.first?.message.ko.contains("해제") == true)
        // Open: never starts again, however long it stays slow.
        #expect(Self.slowLink([("2025-06-01T10:00:00", 5), ("2025-06-01T10:15:00", 5)], open: open).isEmpty)
    }

    // MARK: - Stale feeds

    static let staleRule = AlertRule(id: 9, name: "피드 지연", kind: .staleFeed, target: "*", durationMinutes: 60, severity: .critical)

    static func feed(_ name: String, freshMinutesAgo: Double?, createdMinutesAgo: Double = 1000) -> FeedFreshness {
        FeedFreshness(
            feedName: name, lastFreshData: freshMinutesAgo.map { tenAM.addingTimeInterval(-$0 * 60) },
            createdAt: tenAM.addingTimeInterval(-createdMinutesAgo * 60))
    }

    @Test func staleFeedStartsAtTheDurationAndEndsWhenFresh() throws {
        let feeds = [Self.feed("airkorea", freshMinutesAgo: 90), Self.feed("its", freshMinutesAgo: 59), Self.feed("dssp", freshMinutesAgo: 60)]
        let changes = AlertEvaluator.evaluate(Self.staleRule, open: [], feeds: feeds, now: Self.tenAM)
        #expect(changes.map(\.subject) == ["airkorea", "dssp"])
        let first = try #require(changes.first)
        #expect(first.action == .start && first.value == nil && first.severity == .critical && first.ruleID == 9)
        #expect(first.at == "2025-06-01T10:00:00")
        #expect(first.message.ko == "피드 airkorea: 90분째 새 데이터 없음 (기준 60분)")
        #expect(AlertEvaluator.evaluate(Self.staleRule, open: ["airkorea", "dssp"], feeds: feeds, now: Self.tenAM).isEmpty)
        let fresh = [Self.feed("airkorea", freshMinutesAgo: 1), Self.feed("dssp", freshMinutesAgo: 61)]
        let ends = AlertEvaluator.evaluate(Self.staleRule, open: ["airkorea", "dssp", "its"], feeds: fresh, now: Self.tenAM)
        #expect(ends.map(\.action) == [.end] && ends.map(\.subject) == ["airkorea"])
    }

    @Test func aFeedNeverFreshCountsFromItsCreation() {
        let young = AlertEvaluator.evaluate(
            Self.staleRule, open: [], feeds: [Self.feed("new", freshMinutesAgo: nil, createdMinutesAgo: 30)], now: Self.tenAM)
        #expect(young.isEmpty)
        let old = AlertEvaluator.evaluate(
            Self.staleRule, open: [], feeds: [Self.feed("new", freshMinutesAgo: nil, createdMinutesAgo: 75)], now: Self.tenAM)
        #expect(old.map(\.action) == [.start] && old.first?.message.ko.contains("등록 후 75분") == true)
    }

    @Test func staleFeedTargetSelectsFeeds() {
        var rule = Self.staleRule
        rule.target = "its"
        let feeds = [Self.feed("airkorea", freshMinutesAgo: 300), Self.feed("its", freshMinutesAgo: 300)]
        #expect(AlertEvaluator.evaluate(rule, open: [], feeds: feeds, now: Self.tenAM).map(\.subject) == ["its"])
        rule.enabled = false
        #expect(AlertEvaluator.evaluate(rule, open: [], feeds: feeds, now: Self.tenAM).isEmpty)
    }

    // MARK: - Disaster messages

    static let disasterRule = AlertRule(id: 3, name: "긴급 재난문자", kind: .disaster, minLevel: .emergency, severity: .critical)

    static func message(_ serial: String, level: DisasterLevel, createdAt: String = "2025-06-01T09:30:00") -> DisasterMessage {
        AlertEvaluatorTests.message(serial, level: level, createdAt: createdAt)
    }

    @Test func disasterStartsOnlyAtOrAboveTheMinimumLevel() throws {
        let messages = [
            Self.message("300", level: .safetyGuidance), Self.message("302", level: .extremeEmergency), Self.message("301", level: .emergency),
        ]
        let changes = AlertEvaluator.evaluate(Self.disasterRule, open: [], seen: [], messages: messages, now: Self.tenAM)
        #expect(changes.map(\.subject) == ["301", "302"])
        let first = try #require(changes.first)
        #expect(first.action == .start && first.value == nil && first.at == "2025-06-01T09:30:00" && first.severity == .critical)
        #expect(first.message.ko == "[긴급재난·호우] 호우경보 발효 중. 하천 접근 금지")
        #expect(first.message.en == "Disaster message (Emergency, 호우): 호우경보 발효 중. 하천 접근 금지")
    }

    @Test func disasterRespectsSeenAndOpenSerials() {
        let messages = [Self.message("301", level: .emergency), Self.message("302", level: .emergency)]
        #expect(AlertEvaluator.evaluate(Self.disasterRule, open: [], seen: ["301", "302"], messages: messages, now: Self.tenAM).isEmpty)
        // Open and only 30 minutes old: nothing, and never a second start.
        #expect(
            AlertEvaluator.evaluate(Self.disasterRule, open: ["301"], seen: ["301"], messages: messages, now: Self.tenAM).map(\.subject) == ["302"])
        // An open serial whose message is not given stays open.
        #expect(AlertEvaluator.evaluate(Self.disasterRule, open: ["999"], seen: ["999"], messages: [], now: Self.tenAM).isEmpty)
    }

    @Test func disasterEndsAfterItsDuration() throws {
        let messages = [Self.message("301", level: .emergency, createdAt: "2025-06-01T09:00:00")]
        let end = try #require(AlertEvaluator.evaluate(Self.disasterRule, open: ["301"], seen: ["301"], messages: messages, now: Self.tenAM).first)
        #expect(end.action == .end && end.subject == "301" && end.at == "2025-06-01T10:00:00" && end.message.ko.contains("해제"))
        var short = Self.disasterRule
        short.durationMinutes = 20
        let recent = [Self.message("302", level: .emergency, createdAt: "2025-06-01T09:35:00")]
        #expect(AlertEvaluator.evaluate(short, open: ["302"], seen: ["302"], messages: recent, now: Self.tenAM).map(\.at) == ["2025-06-01T09:55:00"])
        #expect(AlertEvaluator.evaluate(Self.disasterRule, open: ["302"], seen: ["302"], messages: recent, now: Self.tenAM).isEmpty)
    }

    @Test func disasterSkipsExpiredBacklogAndRepeatedSerials() {
        let messages = [
            Self.message("100", level: .emergency, createdAt: "2025-05-31T08:00:00"), Self.message("301", level: .emergency),
            Self.message("301", level: .emergency),
        ]
        let changes = AlertEvaluator.evaluate(Self.disasterRule, open: [], seen: [], messages: messages, now: Self.tenAM)
        #expect(changes.map(\.subject) == ["301"])
    }
}
