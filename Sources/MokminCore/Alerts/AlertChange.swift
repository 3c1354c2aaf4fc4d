/// One alert opening or closing, as ``AlertEvaluator`` decides it; the caller stores it and notifies people.
import MokminBase
public struct AlertChange: Sendable, Hashable, Codable {
    /// Whether the alert opens or closes.
    public enum Action: String, Sendable, Hashable, Codable {
        case start
        case end
    }

    public var action: Action
    /// The rule's id (``AlertRule/id``), nil for a rule not yet stored.
    public var ruleID: Int64?
    /// What the alert is about: a series id, a feed name, or a disaster message serial.
    public var subject: String
    public var severity: AlertSeverity
    /// The value that caused the change (the reading's value), nil for stale-feed and disaster alerts.
    public var value: Double?
    /// The local (Asia/Seoul) time `YYYY-MM-DDTHH:MM:SS` of the change: the reading's time, the message's creation
    /// time (its expiry for an `end`), or the evaluation time for a stale feed.
    public var at: String
    /// What happened, in Korean and English, with units, e.g. `아름동 초미세먼지 PM2.5 38 µg/m³ — 기준 36 이상`.
    public var message: LocalizedText

    public init(
        action: Action, ruleID: Int64?, subject: String, severity: AlertSeverity, value: Double?, at: String,
        message: LocalizedText
    ) {
        self.action = action
        self.ruleID = ruleID
        self.subject = subject
        self.severity = severity
        self.value = value
        self.at = at
        self.message = message
    }
}
