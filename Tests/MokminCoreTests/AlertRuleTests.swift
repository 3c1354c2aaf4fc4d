import Foundation
import MokminBase
import MokminCore
import Testing

@Suite struct AlertRuleTests {
    private static func rule(_ kind: AlertRuleKind, target: String = "air/*/pm25") -> AlertRule {
        AlertRule(name: "규칙", kind: kind, target: target)
    }

    @Test func starMatchesOneSegment() {
        let rule = AlertRule(name: "초미세먼지", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36)
        #expect(rule.matches("air/아름동/pm25"))
        #expect(rule.matches("air/종촌동/pm25"))
        #expect(!rule.matches("air/아름동/pm10"))
        #expect(!rule.matches("air/a/b/pm25"))
        #expect(!rule.matches("air/pm25"))
        #expect(!rule.matches("traffic/아름동/pm25"))
    }

    @Test func exactTargetsAndStarsInsideSegments() {
        #expect(Self.rule(.threshold, target: "air/아름동/pm25").matches("air/아름동/pm25"))
        #expect(!Self.rule(.threshold, target: "air/아름동/pm25").matches("air/아름동/pm10"))
        #expect(Self.rule(.slowLink, target: "traffic/*/speed").matches("traffic/2530001500/speed"))
        #expect(!Self.rule(.slowLink, target: "traffic/*/speed").matches("traffic/2530001500/travelTime"))
        #expect(Self.rule(.threshold, target: "air/*/pm*").matches("air/아름동/pm10"))
        #expect(!Self.rule(.threshold, target: "air/*/pm*").matches("air/아름동/o3"))
        #expect(!Self.rule(.threshold, target: " ").matches(""))
    }

    @Test func staleFeedStarMatchesEveryFeedAndDisasterMatchesNothing() {
        #expect(Self.rule(.staleFeed, target: "*").matches("airkorea-sejong"))
        #expect(Self.rule(.staleFeed, target: "*").matches("traffic/its"))
        #expect(Self.rule(.staleFeed, target: "airkorea-sejong").matches("airkorea-sejong"))
        #expect(!Self.rule(.staleFeed, target: "airkorea-sejong").matches("its-traffic"))
        #expect(!Self.rule(.disaster, target: "*").matches("anything"))
    }

    @Test func validRulesOfEveryKindPass() throws {
        let rules = [
            AlertRule(name: "PM2.5 나쁨", kind: .threshold, target: "air/*/pm25", direction: .above, threshold: 36, clearThreshold: 31),
            AlertRule(name: "저속", kind: .threshold, target: "traffic/*/speed", direction: .below, threshold: 20, clearThreshold: 25),
            AlertRule(name: "등급", kind: .grade, target: "air/*/pm10", minGrade: 3),
            AlertRule(name: "재난문자", kind: .disaster, minLevel: .emergency),
            AlertRule(name: "정체", kind: .slowLink, target: "traffic/*/speed", threshold: 15, durationMinutes: 15),
            AlertRule(name: "피드 지연", kind: .staleFeed, target: "*", durationMinutes: 60),
        ]
        for rule in rules { try rule.validate() }
        #expect(rules.allSatisfy { $0.enabled })
    }

    static let invalidRules: [(AlertRule, String)] = [
        (AlertRule(name: "  ", kind: .threshold, target: "a", direction: .above, threshold: 1), "name"),
        (AlertRule(name: String(repeating: "가", count: 101), kind: .grade, target: "a", minGrade: 3), "name"),
        (AlertRule(name: "r", kind: .threshold, target: " ", direction: .above, threshold: 1), "target"),
        (AlertRule(name: "r", kind: .threshold, target: "a", threshold: 1), "direction"),
        (AlertRule(name: "r", kind: .threshold, target: "a", direction: .above), "threshold"),
        (AlertRule(name: "r", kind: .threshold, target: "a", direction: .above, threshold: .nan), "threshold"),
        (AlertRule(name: "r", kind: .threshold, target: "a", direction: .above, threshold: 36, clearThreshold: 40), "clearThreshold"),
        (AlertRule(name: "r", kind: .threshold, target: "a", direction: .below, threshold: 20, clearThreshold: 15), "clearThreshold"),
        (AlertRule(name: "r", kind: .threshold, target: "a", direction: .above, threshold: 1, clearThreshold: .infinity), "clearThreshold"),
        (AlertRule(name: "r", kind: .grade, target: "a"), "minGrade"),
        (AlertRule(name: "r", kind: .grade, target: "a", minGrade: 5), "minGrade"),
        (AlertRule(name: "r", kind: .disaster), "minLevel"),
        (AlertRule(name: "r", kind: .disaster, minLevel: .emergency, durationMinutes: 0), "durationMinutes"),
        (AlertRule(name: "r", kind: .slowLink, target: "a", threshold: 0, durationMinutes: 10), "threshold"),
        (AlertRule(name: "r", kind: .slowLink, target: "a", threshold: 20, durationMinutes: 0), "durationMinutes"),
        (AlertRule(name: "r", kind: .slowLink, target: "a", direction: .above, threshold: 20, durationMinutes: 5), "direction"),
        (AlertRule(name: "r", kind: .staleFeed, target: "*"), "durationMinutes"),
        (AlertRule(name: "r", kind: .staleFeed, target: "*", durationMinutes: Int.max), "durationMinutes"),
    ]

    @Test(arguments: invalidRules)
    func invalidRulesNameTheField(rule: AlertRule, field: String) {
        #expect {
            try rule.validate()
        } throws: { error in
            guard let error = error as? MokminError else { return false }
            return error.kind == .invalidInput && error.message.ko.contains(field) && error.message.en.contains(field)
                && error.message.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
        }
    }

    @Test func severityOrderAndNames() {
        #expect(AlertSeverity.info < .warning && AlertSeverity.warning < .critical)
        #expect(AlertSeverity.allCases.sorted() == [.info, .warning, .critical])
        #expect(AlertSeverity.allCases.map(\.koreanName) == ["정보", "주의", "심각"])
        #expect(AlertSeverity.critical.englishName == "Critical")
    }

    @Test func rulesRoundTripThroughJSON() throws {
        let rule = AlertRule(id: 7, name: "정체", kind: .slowLink, target: "traffic/*/speed", threshold: 15, durationMinutes: 10, severity: .critical)
        let data = try JSONEncoder().encode(rule)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"slow_link\""))
        #expect(try JSONDecoder().decode(AlertRule.self, from: data) == rule)
        #expect(AlertRuleKind(rawValue: "stale_feed") == .staleFeed)
    }
}
