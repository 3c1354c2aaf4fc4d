/// Where a period report stands in its review: draft → submitted → accepted, or returned (then fixed and submitted again).
public enum ReportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case submitted
    case accepted
    case returned

    public var koreanName: String {
        switch self {
        case .draft: "작성 중"
        case .submitted: "제출됨"
        case .accepted: "승인"
        case .returned: "보완 요청"
        }
    }

    /// Whether the department may still edit it.
    public var isEditable: Bool { self == .draft || self == .returned }
}
