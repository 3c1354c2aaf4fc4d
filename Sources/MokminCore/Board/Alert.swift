import Foundation
import MokminBase

/// One alert: a rule that fired for one subject (a series, a feed or a message), from its start to its end, with the
/// official who acknowledged it.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// The rule, while it exists (history outlives a removed rule: ``ruleName`` keeps its name).
    public var ruleID: Int64?
    public var ruleName: String
    public var kind: AlertRuleKind
    /// The series id, feed name or message serial the alert is about.
    public var subject: String
    public var severity: AlertSeverity
    /// Local data time `YYYY-MM-DDTHH:MM:SS` of the reading, message or check that started it.
    public var startedAt: String
    /// When it cleared (same form), nil while it is open.
    public var endedAt: String?
    public var value: Double?
    public var message: LocalizedText
    public var endMessage: LocalizedText?
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?

    public init(
        id: Int64, ruleID: Int64?, ruleName: String, kind: AlertRuleKind, subject: String, severity: AlertSeverity, startedAt: String,
        endedAt: String? = nil, value: Double? = nil, message: LocalizedText, endMessage: LocalizedText? = nil, acknowledgedBy: String? = nil,
        acknowledgedAt: Date? = nil
    ) {
        self.id = id
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.kind = kind
        self.subject = subject
        self.severity = severity
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.value = value
        self.message = message
        self.endMessage = endMessage
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    /// Whether the alert has not cleared yet.
    public var isOpen: Bool { endedAt == nil }
}
