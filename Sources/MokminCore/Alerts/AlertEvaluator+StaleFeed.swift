import Foundation
import MokminBase

extension AlertEvaluator {
    /// staleFeed rules: `start` when `now − (lastFreshData ?? createdAt)` ≥ ``AlertRule/durationMinutes`` for a matching
    /// feed that is not open; `end` when an open feed is fresh again (younger than that). Both are dated `now` in
    /// Asia/Seoul local time.
    ///
    /// Only feeds whose name ``AlertRule/matches(_:)`` the target count (`*` matches every feed); when a feed is listed
    /// twice the fresher entry wins. An open feed that is not listed (deleted, say) keeps its alert: closing it is the
    /// caller's business.
    public static func evaluate(_ rule: AlertRule, open: Set<String>, feeds: [FeedFreshness], now: Date) -> [AlertChange] {
        guard rule.enabled, rule.kind == .staleFeed, isValid(rule), let minutes = rule.durationMinutes else { return [] }
        var freshest: [String: FeedFreshness] = [:]
        for feed in feeds where rule.matches(feed.feedName) {
            if let known = freshest[feed.feedName], known.freshSince > feed.freshSince { continue }
            freshest[feed.feedName] = feed
        }
        let at = LocalTime.string(now)
        let changes = freshest.values.compactMap { feed -> AlertChange? in
            let elapsed = now.timeIntervalSince(feed.freshSince)
            let stale = elapsed >= Double(minutes) * 60
            let age = elapsed.isFinite ? Int(min(elapsed / 60, 1e12).rounded(.down)) : 0
            let name = feed.feedName
            if !open.contains(name), stale {
                if feed.lastFreshData == nil {
                    return change(
                        .start, rule, name, at: at, ko: "피드 \(name): 등록 후 \(age)분 동안 새 데이터 없음 (기준 \(minutes)분)",
                        en: "Feed \(name) has brought no data in the \(age) min since it was added (limit \(minutes) min)")
                }
                return change(
                    .start, rule, name, at: at, ko: "피드 \(name): \(age)분째 새 데이터 없음 (기준 \(minutes)분)",
                    en: "Feed \(name) has had no fresh data for \(age) min (limit \(minutes) min)")
            }
            if open.contains(name), !stale {
                return change(.end, rule, name, at: at, ko: "피드 \(name): 새 데이터 수신 — 해제", en: "Feed \(name) is fresh again — cleared")
            }
            return nil
        }
        return sorted(changes)
    }

    private static func change(_ action: AlertChange.Action, _ rule: AlertRule, _ feed: String, at: String, ko: String, en: String) -> AlertChange {
        AlertChange(
            action: action, ruleID: rule.id, subject: feed, severity: rule.severity, value: nil, at: at, message: LocalizedText(ko: ko, en: en))
    }
}
