/// A step of the review workflow, as the audit log and the report's history record it.
public enum ReportAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The department saved its text or values.
    case save
    /// The department submitted it for review.
    case submit
    /// The planning office accepted it.
    case accept
    /// The planning office returned it with comments.
    case `return`

    /// The statuses the action may start from, and the status it leads to.
    public var transition: (from: Set<ReportStatus>, to: ReportStatus) {
        switch self {
        case .save: ([.draft, .returned], .draft)
        case .submit: ([.draft, .returned], .submitted)
        case .accept: ([.submitted], .accepted)
        case .return: ([.submitted], .returned)
        }
    }

    /// Whether only the planning office may take it (review), or the owning department (and the planning office).
    public var isReview: Bool { self == .accept || self == .return }

    public var koreanName: String {
        switch self {
        case .save: "저장"
        case .submit: "제출"
        case .accept: "승인"
        case .return: "보완 요청"
        }
    }
}
