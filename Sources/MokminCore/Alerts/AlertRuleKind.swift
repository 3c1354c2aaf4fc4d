/// What an ``AlertRule`` watches, and so which fields of the rule it needs (see ``AlertRule/validate()``).
public enum AlertRuleKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A series value crosses ``AlertRule/threshold`` in ``AlertRule/direction``, with hysteresis
    /// (``AlertRule/clearThreshold``).
    case threshold
    /// An air-quality grade reaches at least ``AlertRule/minGrade`` (1 좋음, 2 보통, 3 나쁨, 4 매우나쁨).
    case grade
    /// A disaster message (재난문자) at ``AlertRule/minLevel`` or above for the city.
    case disaster
    /// A traffic link slower than ``AlertRule/threshold`` km/h for ``AlertRule/durationMinutes`` minutes.
    case slowLink = "slow_link"
    /// A feed that has had no fresh data for ``AlertRule/durationMinutes`` minutes.
    case staleFeed = "stale_feed"

    /// 임계값, 등급, 재난문자, 정체 구간, 피드 지연.
    public var koreanName: String {
        switch self {
        case .threshold: "임계값"
        case .grade: "등급"
        case .disaster: "재난문자"
        case .slowLink: "정체 구간"
        case .staleFeed: "피드 지연"
        }
    }

    /// Threshold, Grade, Disaster message, Slow link, Stale feed.
    public var englishName: String {
        switch self {
        case .threshold: "Threshold"
        case .grade: "Grade"
        case .disaster: "Disaster message"
        case .slowLink: "Slow link"
        case .staleFeed: "Stale feed"
        }
    }
}
