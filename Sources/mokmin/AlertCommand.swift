import ArgumentParser
import Foundation
import MokminCore
import MokminServices

struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Alert rules of the status board / 상황판 경보 규칙.",
        discussion: """
            Kinds: threshold (--target air/*/pm25 --direction above --threshold 36 --clear 31), grade (--target air/*/pm10 \
            --min-grade 3), disaster (--min-level 긴급재난), slow_link (--target 'traffic/*/speed' --threshold 15 --minutes 10) \
            and stale_feed (--target '*' --minutes 30). `*` in --target matches one part of a series id.
            """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an alert rule / 경보 규칙을 추가합니다.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A name for people (unique).") var name: String
        @Option(help: "threshold, grade, disaster, slow_link or stale_feed.") var kind: String
        @Option(help: "The series (pattern) or feed the rule watches.") var target = ""
        @Option(help: "above or below (threshold rules).") var direction: String?
        @Option(help: "The value that starts an alert (threshold; km/h for slow_link).") var threshold: Double?
        @Option(help: "The value that clears it (hysteresis; default: the threshold).") var clear: Double?
        @Option(help: "The grade that starts an alert, 1 좋음 … 4 매우나쁨 (grade rules).") var minGrade: Int?
        @Option(help: "안전안내, 긴급재난 or 위급재난 (disaster rules).") var minLevel: String?
        @Option(help: "Minutes (slow_link: how long; stale_feed: how long without data; disaster: how long it stays open).") var minutes: Int?
        @Option(help: "info, warning or critical.") var severity = "warning"

        func validate() throws {
            guard AlertRuleKind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of \(AlertRuleKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard AlertSeverity(rawValue: severity) != nil else { throw ValidationError("--severity must be info, warning or critical") }
            if let direction, AlertDirection(rawValue: direction) == nil { throw ValidationError("--direction must be above or below") }
            if let minLevel, DisasterLevel(text: minLevel) == nil { throw ValidationError("--min-level must be 안전안내, 긴급재난 or 위급재난") }
        }

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                let rule = try await box.alerts.addRule(
                    AlertRule(
                        name: name, kind: AlertRuleKind(rawValue: kind)!, target: target,
                        direction: direction.flatMap(AlertDirection.init(rawValue:)),
                        threshold: threshold, clearThreshold: clear, minGrade: minGrade, minLevel: minLevel.flatMap(DisasterLevel.init(text:)),
                        durationMinutes: minutes, severity: AlertSeverity(rawValue: severity)!), actor: nil)
                print("alert rule \(rule.id ?? 0): \(rule.name) / 경보 규칙을 추가했습니다")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alert rules / 경보 규칙 목록.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                print(["ID", "NAME", "KIND", "TARGET", "CONDITION", "SEVERITY", "ENABLED"].joined(separator: "\t"))
                for rule in try await box.alerts.rules() {
                    print(
                        [
                            String(rule.id ?? 0), rule.name, rule.kind.rawValue, rule.target, Self.condition(rule), rule.severity.rawValue,
                            rule.enabled ? "yes" : "no",
                        ]
                        .joined(separator: "\t"))
                }
            }
        }

        static func condition(_ r: AlertRule) -> String {
            switch r.kind {
            case .threshold: "\(r.direction?.rawValue ?? "?") \(r.threshold ?? 0), clear \(r.clearThreshold ?? r.threshold ?? 0)"
            case .grade: "grade ≥ \(r.minGrade ?? 0)"
            case .disaster: "level ≥ \(r.minLevel?.rawValue ?? "?")"
            case .slowLink: "< \(r.threshold ?? 0) km/h for \(r.durationMinutes ?? 0) min"
            case .staleFeed: "stale \(r.durationMinutes ?? 0) min"
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an alert rule (its alerts stay in the history) / 경보 규칙을 지웁니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The rule's id or name.") var rule: String

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                try await box.alerts.removeRule(rule, actor: nil)
                print("removed \(rule) / 지웠습니다")
            }
        }
    }
}
