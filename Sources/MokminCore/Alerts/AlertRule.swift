/// A condition on live data that opens an alert while it holds: a threshold, an air-quality grade, a disaster message,
/// a slow traffic link or a stale feed.
///
/// Which fields a rule needs depends on its ``kind``; ``validate()`` checks them. ``AlertEvaluator`` turns a rule and
/// what it observes into ``AlertChange``s.
public struct AlertRule: Sendable, Hashable, Codable {
    /// The stored id, nil before the rule is saved.
    public var id: Int64?
    /// What people call the rule, e.g. `초미세먼지 나쁨`; 1…100 characters.
    public var name: String
    public var kind: AlertRuleKind
    /// Which series the rule watches: an exact series id (`air/아름동/pm25`) or a pattern where `*` matches one path
    /// segment without `/` (`air/*/pm25`, `traffic/*/speed`). For staleFeed: a feed name or `*` for every feed. Unused
    /// for disaster.
    public var target: String
    /// Threshold rules only: which side of ``threshold`` fires (slowLink is always ``AlertDirection/below``).
    public var direction: AlertDirection?
    /// Threshold rules: the firing bound. SlowLink rules: the speed in km/h under which a link is slow.
    public var threshold: Double?
    /// Threshold rules: the hysteresis bound the value must pass (strictly) to clear; nil means ``threshold``.
    public var clearThreshold: Double?
    /// Grade rules: the lowest grade that fires, 1 좋음, 2 보통, 3 나쁨, 4 매우나쁨.
    public var minGrade: Int?
    /// Disaster rules: the lowest message level that fires.
    public var minLevel: DisasterLevel?
    /// SlowLink: how long the link must be slow. StaleFeed: how long a feed may go without fresh data. Disaster: how
    /// long the alert stays open (default ``defaultDisasterMinutes``).
    public var durationMinutes: Int?
    public var severity: AlertSeverity
    /// A disabled rule produces no changes at all.
    public var enabled: Bool

    /// How long a disaster alert stays open when ``durationMinutes`` is nil.
    public static let defaultDisasterMinutes = 60

    public init(
        id: Int64? = nil, name: String, kind: AlertRuleKind, target: String = "", direction: AlertDirection? = nil,
        threshold: Double? = nil, clearThreshold: Double? = nil, minGrade: Int? = nil, minLevel: DisasterLevel? = nil,
        durationMinutes: Int? = nil, severity: AlertSeverity = .warning, enabled: Bool = true
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.target = target
        self.direction = direction
        self.threshold = threshold
        self.clearThreshold = clearThreshold
        self.minGrade = minGrade
        self.minLevel = minLevel
        self.durationMinutes = durationMinutes
        self.severity = severity
        self.enabled = enabled
    }

    /// Whether `series` (or a feed name for staleFeed) matches ``target``.
    ///
    /// The target and the series are split on `/` and must have as many segments; each target segment matches
    /// literally, except that `*` in it stands for any run of characters without `/` (so `air/*/pm25` matches
    /// `air/아름동/pm25` but neither `air/아름동/pm10` nor `air/a/b/pm25`). For staleFeed a target of `*` alone matches
    /// every feed name. A disaster rule matches nothing: it has no target.
    public func matches(_ series: String) -> Bool {
        let pattern = AlertText.trimmed(target)
        switch kind {
        case .disaster: return false
        case .staleFeed where pattern == "*": return true
        default: break
        }
        guard !pattern.isEmpty else { return false }
        let patternSegments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let seriesSegments = series.split(separator: "/", omittingEmptySubsequences: false)
        guard patternSegments.count == seriesSegments.count else { return false }
        return zip(patternSegments, seriesSegments).allSatisfy { Self.glob(Array($0), matches: Array($1)) }
    }

    /// Whether one segment matches one pattern segment in which `*` stands for any run of characters (possibly none).
    private static func glob(_ pattern: [Character], matches text: [Character]) -> Bool {
        var p = 0, t = 0
        var star: Int?, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let s = star {
                p = s + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
