import Foundation
import MokminBase

/// Decides which alerts open and close: a pure function of a rule, the subjects it already has open, what was observed
/// and (for time-based rules) the current time.
///
/// Restart safety comes from the caller, which passes `open` (and `seen` for disaster rules) from storage: the
/// evaluator never starts an alert for a subject in `open` and never ends one for a subject not in it, gives each subject
/// at most one change, and returns the changes sorted by subject, so the same input always yields the same output.
/// A disabled rule, or one that fails ``AlertRule/validate()``, produces nothing (closing the alerts of a rule that is
/// disabled is the caller's business). Each `evaluate` answers only for its own kinds and returns `[]` for the others.
public enum AlertEvaluator {
    /// Readings-driven rules (threshold, grade, slowLink). `open` is the set of subjects with an open alert for this rule.
    ///
    /// Only observations whose series ``AlertRule/matches(_:)`` the rule count; when a series is observed twice the one
    /// with the later ``FeedReading/time`` wins. A latest reading that is flagged, has no value or a value that is not
    /// finite neither starts nor ends anything.
    /// - threshold: starts at or past the threshold (≥ for above, ≤ for below) when not open; ends strictly past the
    ///   clear bound (< for above, > for below) when open; between the two nothing changes (hysteresis).
    /// - grade: starts when ``FeedReading/grade`` ≥ ``AlertRule/minGrade``, ends when it is below; a reading without a
    ///   grade is ignored.
    /// - slowLink: starts when the readings cover at least ``AlertRule/durationMinutes`` (some reading at or before
    ///   `latest.time − M`) and every value from the last reading at or before that instant to the latest is below the
    ///   threshold; ends when the latest value is at or above the threshold.
    public static func evaluate(_ rule: AlertRule, open: Set<String>, observations: [AlertObservation]) -> [AlertChange] {
        guard rule.enabled, [.threshold, .grade, .slowLink].contains(rule.kind), isValid(rule) else { return [] }
        var newest: [String: AlertObservation] = [:]
        for observation in observations where rule.matches(observation.series) {
            if let seen = newest[observation.series], seen.latest.time > observation.latest.time { continue }
            newest[observation.series] = observation
        }
        let changes = newest.values.compactMap { observation -> AlertChange? in
            let isOpen = open.contains(observation.series)
            switch rule.kind {
            case .threshold: return threshold(rule, observation, isOpen: isOpen)
            case .grade: return grade(rule, observation, isOpen: isOpen)
            case .slowLink: return slowLink(rule, observation, isOpen: isOpen)
            case .disaster, .staleFeed: return nil
            }
        }
        return sorted(changes)
    }

    // MARK: - Kinds

    private static func threshold(_ rule: AlertRule, _ observation: AlertObservation, isOpen: Bool) -> AlertChange? {
        guard let direction = rule.direction, let bound = rule.threshold, let value = usableValue(observation.latest) else { return nil }
        let clear = rule.clearThreshold ?? bound
        let reading = observation.latest
        let name = AlertText.subject(reading), amount = AlertText.quantity(value, metric: reading.metric)
        let (b, c) = (AlertText.number(bound), AlertText.number(clear))
        switch (direction, isOpen) {
        case (.above, false) where value >= bound:
            return change(
                .start, rule, observation, value, ko: "\(name.ko) \(amount.ko) — 기준 \(b) 이상", en: "\(name.en) \(amount.en) — at or above \(b)")
        case (.below, false) where value <= bound:
            return change(
                .start, rule, observation, value, ko: "\(name.ko) \(amount.ko) — 기준 \(b) 이하", en: "\(name.en) \(amount.en) — at or below \(b)")
        case (.above, true) where value < clear:
            return change(
                .end, rule, observation, value, ko: "\(name.ko) \(amount.ko) — 해제 (\(c) 미만)", en: "\(name.en) \(amount.en) — cleared (below \(c))")
        case (.below, true) where value > clear:
            return change(
                .end, rule, observation, value, ko: "\(name.ko) \(amount.ko) — 해제 (\(c) 초과)", en: "\(name.en) \(amount.en) — cleared (above \(c))")
        default:
            return nil
        }
    }

    private static func grade(_ rule: AlertRule, _ observation: AlertObservation, isOpen: Bool) -> AlertChange? {
        let reading = observation.latest
        guard let minGrade = rule.minGrade, !reading.flagged, let grade = reading.grade else { return nil }
        let value = usableValue(reading)
        let name = AlertText.subject(reading), now = AlertText.gradeName(grade), limit = AlertText.gradeName(minGrade)
        let amount = value.map { AlertText.quantity($0, metric: reading.metric) }
        let ko = "\(name.ko) \(now.ko)" + (amount.map { " (\($0.ko))" } ?? "")
        let en = "\(name.en) \(now.en)" + (amount.map { " (\($0.en))" } ?? "")
        if !isOpen, grade >= minGrade {
            return change(.start, rule, observation, value, ko: "\(ko) — 기준 \(limit.ko) 이상", en: "\(en) — at or above \(limit.en)")
        }
        if isOpen, grade < minGrade {
            return change(.end, rule, observation, value, ko: "\(ko) — 해제 (\(limit.ko) 미만)", en: "\(en) — cleared (better than \(limit.en))")
        }
        return nil
    }

    private static func slowLink(_ rule: AlertRule, _ observation: AlertObservation, isOpen: Bool) -> AlertChange? {
        guard let limit = rule.threshold, let minutes = rule.durationMinutes, let value = usableValue(observation.latest) else { return nil }
        let reading = observation.latest
        let name = AlertText.subject(reading), amount = AlertText.quantity(value, metric: reading.metric)
        let speed = AlertText.number(limit)
        if isOpen {
            guard value >= limit else { return nil }
            return change(
                .end, rule, observation, value, ko: "\(name.ko) \(amount.ko) — 정체 해제 (\(speed) km/h 이상)",
                en: "\(name.en) \(amount.en) — cleared (\(speed) km/h or faster)")
        }
        guard value < limit, let latestTime = LocalTime.seconds(reading.time) else { return nil }
        let windowStart = latestTime - Int64(minutes) * 60
        let timed = observation.recent.compactMap { r in LocalTime.seconds(r.time).map { (time: $0, reading: r) } }
            .filter { $0.time <= latestTime }
        // The window starts at the last reading at or before `windowStart`; without one the readings do not cover M minutes.
        guard let start = timed.map(\.time).filter({ $0 <= windowStart }).max() else { return nil }
        let slow = timed.allSatisfy { entry in entry.time < start || (usableValue(entry.reading).map { $0 < limit } ?? true) }
        guard slow else { return nil }
        return change(
            .start, rule, observation, value, ko: "\(name.ko) \(amount.ko) — \(minutes)분 이상 \(speed) km/h 미만",
            en: "\(name.en) \(amount.en) — below \(speed) km/h for \(minutes) min")
    }

    // MARK: - Helpers

    /// The reading's value when it can decide anything: not flagged, present and finite.
    static func usableValue(_ reading: FeedReading) -> Double? {
        guard !reading.flagged, let value = reading.value, value.isFinite else { return nil }
        return value
    }

    static func isValid(_ rule: AlertRule) -> Bool {
        do {
            try rule.validate()
            return true
        } catch {
            return false
        }
    }

    /// The changes in subject order (then by action), so that the output never depends on dictionary order.
    static func sorted(_ changes: [AlertChange]) -> [AlertChange] {
        changes.sorted { ($0.subject, $0.action.rawValue) < ($1.subject, $1.action.rawValue) }
    }

    private static func change(
        _ action: AlertChange.Action, _ rule: AlertRule, _ observation: AlertObservation, _ value: Double?, ko: String, en: String
    ) -> AlertChange {
        AlertChange(
            action: action, ruleID: rule.id, subject: observation.series, severity: rule.severity, value: value,
            at: observation.latest.time, message: LocalizedText(ko: ko, en: en))
    }
}
