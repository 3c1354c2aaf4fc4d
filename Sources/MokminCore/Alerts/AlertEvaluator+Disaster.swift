import Foundation
import MokminBase

extension AlertEvaluator {
    /// disaster rules: one `start` per message at ``AlertRule/minLevel`` or above whose serial is not in `seen` (serials
    /// that already had an alert for this rule) nor in `open`; one `end` per open serial whose message is
    /// ``AlertRule/durationMinutes`` (default 60) old or older at `now`.
    ///
    /// The caller passes the messages for the city (region filtering is not the rule's job: a disaster rule has no
    /// target), and must include the message of every open serial: an open serial whose message is missing, or whose
    /// `createdAt` cannot be read, stays open. A message that is already that old at `now` does not start an alert (so
    /// a first run over the portal's backlog does not open and close dozens of alerts). Repeated serials count once,
    /// the copy modified last winning (``DisasterMessage/deduplicated(_:)``). A start is dated at the message's
    /// `createdAt`, an end at the moment the message became that old.
    public static func evaluate(_ rule: AlertRule, open: Set<String>, seen: Set<String>, messages: [DisasterMessage], now: Date) -> [AlertChange] {
        guard rule.enabled, rule.kind == .disaster, isValid(rule), let minLevel = rule.minLevel else { return [] }
        let minutes = rule.durationMinutes ?? AlertRule.defaultDisasterMinutes
        var changes: [AlertChange] = []
        for message in DisasterMessage.deduplicated(messages) {
            let created = LocalTime.date(message.createdAt)
            let expiry = created?.addingTimeInterval(Double(minutes) * 60)
            let expired = expiry.map { $0 <= now } ?? false
            let level = "[" + message.level.koreanName + (message.kind.map { "·\($0)" } ?? "") + "]"
            if open.contains(message.serial) {
                guard expired, let expiry else { continue }
                changes.append(
                    change(
                        .end, rule, message, at: LocalTime.string(expiry),
                        ko: "재난문자 \(message.serial) \(level) — \(minutes)분 경과, 해제",
                        en: "Disaster message \(message.serial) (\(message.level.englishName)) — \(minutes) min old, cleared"))
            } else if !seen.contains(message.serial), message.level >= minLevel, !expired {
                let english = message.level.englishName + (message.kind.map { ", \($0)" } ?? "")
                changes.append(
                    change(
                        .start, rule, message, at: message.createdAt, ko: "\(level) \(AlertText.excerpt(message.text))",
                        en: "Disaster message (\(english)): \(AlertText.excerpt(message.text))"))
            }
        }
        return sorted(changes)
    }

    private static func change(_ action: AlertChange.Action, _ rule: AlertRule, _ message: DisasterMessage, at: String, ko: String, en: String)
        -> AlertChange
    {
        AlertChange(
            action: action, ruleID: rule.id, subject: message.serial, severity: rule.severity, value: nil, at: at,
            message: LocalizedText(ko: ko, en: en))
    }
}
