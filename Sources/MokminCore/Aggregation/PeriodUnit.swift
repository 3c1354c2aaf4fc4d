import MokminBase

/// The length of a reporting period: a calendar month, quarter or year (Korean civil dates, no time zone arithmetic).
public enum PeriodUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case month
    case quarter
    case year

    public var koreanName: String {
        switch self {
        case .month: "월"
        case .quarter: "분기"
        case .year: "연"
        }
    }
}
