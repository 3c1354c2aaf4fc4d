/// A task's standing, derived from its milestones and indicators (never typed): see ``TaskAssessment``.
public enum TaskStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case done
    case onTrack = "on_track"
    case delayed
    case atRisk = "at_risk"

    public var koreanName: String {
        switch self {
        case .done: "완료"
        case .onTrack: "정상"
        case .delayed: "지연"
        case .atRisk: "위험"
        }
    }

    public var englishName: String {
        switch self {
        case .done: "Done"
        case .onTrack: "On track"
        case .delayed: "Delayed"
        case .atRisk: "At risk"
        }
    }

    /// Worse statuses first: the order the overview lists tasks in.
    public var urgency: Int {
        switch self {
        case .atRisk: 0
        case .delayed: 1
        case .onTrack: 2
        case .done: 3
        }
    }
}
