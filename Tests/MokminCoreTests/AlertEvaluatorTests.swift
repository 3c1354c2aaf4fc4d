import Foundation
import MokminCore
import Testing

@Suite struct AlertEvaluatorTests {
    /// 2025-06-01T10:00:00 in Seoul (01:00 UTC).
    static let tenAM = Date(timeIntervalSince1970: 1_748_739_600)
    static let pm25 = AlertRule(
        id: 1, name: "초미세먼지 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36, clearThreshold: 31)

    static func reading(_ series: String, _ value: Double?, at time: String = "2025-06-01T10:00:00", grade: Int? = nil, flagged: Bool = false)
        -> FeedReading
    {
        let parts = series.split(separator: "/").map(String.init)
        return FeedReading(series: series, source: parts[1], metric: parts[2], value: value, grade: grade, time: time, flagged: flagged)
    }

    /// Feeds `values` of one series through the rule in turn, carrying the open set along as storage would, and returns
    /// the action of each step (nil for no change).
    static func actions(_ rule: AlertRule, series: String, values: [Double?]) -> [AlertChange.Action?] {
        var open: Set<String> = []
        return values.map { value in
            let changes = AlertEvaluator.evaluate(rule, open: open, observations: [AlertObservation(reading(series, value))])
            for change in changes { if change.action == .start { open.insert(change.subject) } else { open.remove(change.subject) } }
            return changes.first?.action
        }
    }

    @Test func aboveFiresStaysAndClearsWithHysteresis() {
        let steps = Self.actions(Self.pm25, series: "air/아름동/pm25", values: [30, 35.9, 36, 40, 33, 31, 30.9, 33, 35.9, 36])
        #expect(steps == [nil, nil, .start, nil, nil, nil, .end, nil, nil, .start])
    }

    @Test func belowFiresStaysAndClearsWithHysteresis() {
        let rule = AlertRule(name: "저속", kind: .threshold, target: "traffic/*/speed", direction: .below, threshold: 20, clearThreshold: 25)
        let steps = Self.actions(rule, series: "traffic/L1/speed", values: [30, 20.1, 20, 22, 25, 25.1, 21, 19.5])
        #expect(steps == [nil, nil, .start, nil, nil, .end, nil, .start])
    }

    @Test func withoutClearThresholdTheThresholdClears() {
        let rule = AlertRule(name: "PM10", kind: .threshold, target: "air/*/pm10", direction: .above, threshold: 81)
        #expect(Self.actions(rule, series: "air/아름동/pm10", values: [81, 81, 80.9, 90]) == [.start, nil, .end, .start])
    }

    @Test func neverStartsWhenOpenNorEndsWhenNotOpen() {
        let high = AlertObservation(Self.reading("air/아름동/pm25", 80))
        let low = AlertObservation(Self.reading("air/종촌동/pm25", 5))
        #expect(AlertEvaluator.evaluate(Self.pm25, open: ["air/아름동/pm25"], observations: [high, low]).isEmpty)
        let changes = AlertEvaluator.evaluate(Self.pm25, open: ["air/종촌동/pm25"], observations: [high, low])
        #expect(changes.map(\.action) == [.start, .end])
        #expect(changes.map(\.subject) == ["air/아름동/pm25", "air/종촌동/pm25"])
    }

    @Test func flaggedMissingAndNonFiniteValuesChangeNothing() {
        let series = "air/아름동/pm25"
        for reading in [
            Self.reading(series, nil), Self.reading(series, nil, flagged: true), Self.reading(series, 90, flagged: true),
            Self.reading(series, .nan), Self.reading(series, .infinity),
        ] {
            #expect(AlertEvaluator.evaluate(Self.pm25, open: [], observations: [AlertObservation(reading)]).isEmpty)
            #expect(AlertEvaluator.evaluate(Self.pm25, open: [series], observations: [AlertObservation(reading)]).isEmpty)
        }
    }

    @Test func disabledInvalidAndForeignRulesProduceNothing() {
        let high = [AlertObservation(Self.reading("air/아름동/pm25", 80))]
        var disabled = Self.pm25
        disabled.enabled = false
        #expect(AlertEvaluator.evaluate(disabled, open: [], observations: high).isEmpty)
        var invalid = Self.pm25
        invalid.threshold = nil
        #expect(AlertEvaluator.evaluate(invalid, open: [], observations: high).isEmpty)
        let stale = AlertRule(name: "지연", kind: .staleFeed, target: "*", durationMinutes: 10)
        #expect(AlertEvaluator.evaluate(stale, open: [], observations: high).isEmpty)
        #expect(
            AlertEvaluator.evaluate(Self.pm25, open: [], seen: [], messages: [Self.message("1", level: .extremeEmergency)], now: Self.tenAM).isEmpty)
    }

    @Test func nonMatchingSeriesAreIgnored() {
        let observations = [AlertObservation(Self.reading("air/아름동/pm10", 200)), AlertObservation(Self.reading("air/아름동/o3", 1))]
        #expect(AlertEvaluator.evaluate(Self.pm25, open: ["air/아름동/pm10"], observations: observations).isEmpty)
    }

    @Test func changesCarryRuleValueTimeAndKoreanMessage() throws {
        let start = try #require(
            AlertEvaluator.evaluate(Self.pm25, open: [], observations: [AlertObservation(Self.reading("air/아름동/pm25", 38))]).first)
        #expect(start.ruleID == 1 && start.severity == .warning && start.value == 38 && start.at == "2025-06-01T10:00:00")
        #expect(start.message.ko == "아름동 초미세먼지 PM2.5 38 µg/m³ — 기준 36 이상")
        #expect(start.message.en == "아름동 PM2.5 38 µg/m³ — at or above 36")
        let end = try #require(
            AlertEvaluator.evaluate(
                Self.pm25, open: ["air/아름동/pm25"], observations: [AlertObservation(Self.reading("air/아름동/pm25", 30.5, at: "2025-06-01T11:00:00"))]
            ).first)
        #expect(end.action == .end && end.at == "2025-06-01T11:00:00" && end.value == 30.5)
        #expect(end.message.ko.contains("해제") && end.message.ko.contains("30.5 µg/m³") && end.message.en.contains("cleared"))
    }

    @Test func sameInputGivesSameOutputSortedBySubject() {
        let observations = ["조치원읍", "아름동", "종촌동", "고운동", "보람동"].map { AlertObservation(Self.reading("air/\($0)/pm25", 50)) }
        let first = AlertEvaluator.evaluate(Self.pm25, open: [], observations: observations)
        #expect(first.map(\.subject) == first.map(\.subject).sorted())
        #expect(first.count == 5)
        for _ in 0..<5 { #expect(AlertEvaluator.evaluate(Self.pm25, open: [], observations: observations.shuffled()) == first) }
    }

    @Test func theNewestObservationOfASeriesWins() {
        let older = AlertObservation(Self.reading("air/아름동/pm25", 20, at: "2025-06-01T09:00:00"))
        let newer = AlertObservation(Self.reading("air/아름동/pm25", 50, at: "2025-06-01T10:00:00"))
        for observations in [[older, newer], [newer, older]] {
            let changes = AlertEvaluator.evaluate(Self.pm25, open: [], observations: observations)
            #expect(changes.map(\.value) == [50])
        }
    }

    @Test func gradeStartsAtMinGradeAndEndsBelowIt() {
        let rule = AlertRule(name: "미세먼지 나쁨", kind: .grade, target: "air/*/pm10", minGrade: 3, severity: .critical)
        func run(_ grade: Int?, open: Set<String>, flagged: Bool = false) -> [AlertChange] {
            let reading = Self.reading("air/아름동/pm10", flagged ? nil : 90, grade: grade, flagged: flagged)
            return AlertEvaluator.evaluate(rule, open: open, observations: [AlertObservation(reading)])
        }
        #expect(run(2, open: []).isEmpty)
        let start = run(3, open: [])
        #expect(start.map(\.action) == [.start] && start.first?.severity == .critical)
        #expect(start.first?.message.ko == "아름동 미세먼지 PM10 나쁨 (90 µg/m³) — 기준 나쁨 이상")
        #expect(run(4, open: ["air/아름동/pm10"]).isEmpty)
        #expect(run(2, open: ["air/아름동/pm10"]).map(\.action) == [.end])
        #expect(run(nil, open: []).isEmpty && run(nil, open: ["air/아름동/pm10"]).isEmpty)
        #expect(run(4, open: [], flagged: true).isEmpty)
    }
}

extension AlertEvaluatorTests {
    static func message(_ serial: String, level: DisasterLevel, createdAt: String = "2025-06-01T09:30:00") -> DisasterMessage {
        DisasterMessage(serial: serial, createdAt: createdAt, text: "호우경보 발효 중. 하천 접근 금지", regions: ["세종특별자치시"], level: level, kind: "호우")
    }
}
