extension AlertRule {
    enum CodingKeys: String, CodingKey {
        case id, name, kind, target, direction, threshold, clearThreshold, minGrade, minLevel, durationMinutes, severity, enabled
    }

    /// Reads a rule as people write it: `target` may be left out for message rules, `severity` defaults to warning and
    /// `enabled` to true.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            kind: try c.decode(AlertRuleKind.self, forKey: .kind), target: try c.decodeIfPresent(String.self, forKey: .target) ?? "",
            direction: try c.decodeIfPresent(AlertDirection.self, forKey: .direction), threshold: try c.decodeIfPresent(Double.self, forKey: .threshold),
            clearThreshold: try c.decodeIfPresent(Double.self, forKey: .clearThreshold), minGrade: try c.decodeIfPresent(Int.self, forKey: .minGrade),
            minLevel: try c.decodeIfPresent(DisasterLevel.self, forKey: .minLevel),
            durationMinutes: try c.decodeIfPresent(Int.self, forKey: .durationMinutes),
            severity: try c.decodeIfPresent(AlertSeverity.self, forKey: .severity) ?? .warning,
            enabled: try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true)
    }
}
