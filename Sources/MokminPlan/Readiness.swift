import MokminBase

/// How ready the plan is for one indicator of the government's evaluation: the tasks serving it, their progress, an
/// estimated score, and the gap when there is one.
public struct Readiness: Sendable, Hashable {
    public var indicator: EvaluationIndicator
    public var areaTitle: String
    /// The tasks mapped to the indicator, with their assessments.
    public var tasks: [TaskAssessment]
    /// The mean progress of those tasks (a task with nothing measured yet counts 0); 0 when none serves it.
    public var progress: Double
    /// `points × progress`: an estimate of the score, not the evaluators' verdict.
    public var estimatedScore: Double
    /// The worst status among the tasks; nil when none serves it.
    public var status: TaskStatus?
    /// Why the indicator needs attention: no task serves it, or some of its tasks are at risk.
    public var gaps: [LocalizedText]

    public init(indicator: EvaluationIndicator, areaTitle: String, tasks: [TaskAssessment], titles: [Int64: String]) {
        self.indicator = indicator
        self.areaTitle = areaTitle
        self.tasks = tasks
        progress = tasks.isEmpty ? 0 : tasks.reduce(0) { $0 + ($1.progress ?? 0) } / Double(tasks.count)
        estimatedScore = indicator.points * progress
        status = tasks.map(\.status).min { $0.urgency < $1.urgency }
        var gaps: [LocalizedText] = []
        if tasks.isEmpty {
            gaps.append(LocalizedText(ko: "이 지표를 뒷받침하는 과제가 없음", en: "No task serves this indicator"))
        }
        let atRisk = tasks.filter { $0.status == .atRisk }.compactMap { titles[$0.taskID] }
        if !atRisk.isEmpty {
            gaps.append(LocalizedText(ko: "위험 과제: " + atRisk.joined(separator: ", "), en: "Tasks at risk: " + atRisk.joined(separator: ", ")))
        }
        self.gaps = gaps
    }

    /// How the estimate is made, shown beside it.
    public static let note = LocalizedText(
        ko: "예상 점수 = 배점 × 연결 과제 평균 진척도. 실제 평가 결과가 아닌 추정치입니다.",
        en: "Estimated score = points × the mean progress of the tasks serving the indicator. An estimate, not the evaluators' score.")
}
