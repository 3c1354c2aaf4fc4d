/// Which side of its threshold a ``AlertRuleKind/threshold`` rule fires on.
public enum AlertDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fires when the value is at or above the threshold; clears strictly below the clear threshold.
    case above
    /// Fires when the value is at or below the threshold; clears strictly above the clear threshold.
    case below
}
