/// How urgent an alert is, ordered `info < warning < critical`.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info
    case warning
    case critical

    /// 0 for info, 1 for warning, 2 for critical: the order of ``Comparable``.
    public var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    /// 정보, 주의, 심각.
    public var koreanName: String {
        switch self {
        case .info: "정보"
        case .warning: "주의"
        case .critical: "심각"
        }
    }

    /// Info, Warning, Critical.
    public var englishName: String {
        switch self {
        case .info: "Info"
        case .warning: "Warning"
        case .critical: "Critical"
        }
    }

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool { lhs.rank < rhs.rank }
}
