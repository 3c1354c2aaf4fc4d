import MokminBase

/// A task's progress and status on a given day, with the reasons, computed by ``StatusRule``.
public struct TaskAssessment: Sendable, Hashable {
    /// One indicator's contribution.
    public struct IndicatorState: Sendable, Hashable {
        public var indicator: Indicator
        /// Its current value (the latest period ending by the day), nil when none yet.
        public var value: IndicatorValue?
        public var progress: Double
    }

    public var taskID: Int64
    /// Between 0 and 1; nil when the task has neither indicators nor milestones due (nothing to measure yet).
    public var progress: Double?
    /// The share of the task's span elapsed on the day, between 0 and 1.
    public var expected: Double
    public var status: TaskStatus
    public var indicators: [IndicatorState]
    /// Why the status is what it is (empty when on track or done).
    public var reasons: [LocalizedText]

    /// Assesses `task` on the day `asOf` (`YYYY-MM-DD`) from its milestones, its indicators and their values.
    /// `values` holds every known value of the task's indicators; the current one is the latest period ending on or
    /// before `asOf`.
    public init(task: PlanTask, milestones: [Milestone], indicators: [Indicator], values: [IndicatorValue], asOf: String) {
        taskID = task.id
        let current = Dictionary(grouping: values.filter { $0.period.endDay <= asOf || $0.period.contains(day: asOf) }, by: \.indicatorID)
            .mapValues { list in list.max { ($0.period, $0.recordedAt) < ($1.period, $1.recordedAt) }! }
        self.indicators = indicators.map { indicator in
            let value = current[indicator.id]
            return IndicatorState(indicator: indicator, value: value, progress: value.map { indicator.progress(of: $0.value) } ?? 0)
        }
        let totalWeight = indicators.reduce(0) { $0 + max($1.weight, 0) }
        let dueMilestones = milestones.filter { $0.due <= asOf }
        let openDue = dueMilestones.filter { !$0.isDone(asOf: asOf) }
        let allMilestonesDone = milestones.allSatisfy { $0.isDone(asOf: asOf) }

        if !indicators.isEmpty && totalWeight > 0 {
            progress = self.indicators.reduce(0) { $0 + $1.progress * max($1.indicator.weight, 0) } / totalWeight
        } else if !dueMilestones.isEmpty {
            progress = Double(dueMilestones.count - openDue.count) / Double(dueMilestones.count)
        } else if !milestones.isEmpty {
            progress = allMilestonesDone ? 1 : 0
        } else {
            progress = nil
        }
        expected = Self.elapsed(start: task.start, end: task.end, asOf: asOf)

        var reasons: [LocalizedText] = []
        var status = TaskStatus.onTrack
        func worsen(_ to: TaskStatus, _ reason: LocalizedText) {
            if to.urgency < status.urgency { status = to }
            reasons.append(reason)
        }
        let measured = !indicators.isEmpty || !milestones.isEmpty
        if measured && allMilestonesDone && (progress ?? 0) >= 1 {
            status = .done
        } else {
            if task.end < asOf {
                worsen(.atRisk, LocalizedText(ko: "종료일(\(task.end))이 지났으나 완료되지 않음", en: "Past its end (\(task.end)) and not done"))
            }
            let today = LocalTime.day(parsing: asOf) ?? 0
            for milestone in openDue.sorted(by: { $0.due < $1.due }) {
                let late = today - (LocalTime.day(parsing: milestone.due) ?? today)
                if late > StatusRule.atRiskOverdueDays {
                    worsen(
                        .atRisk, LocalizedText(ko: "마일스톤 '\(milestone.title)' \(late)일 지연", en: "Milestone '\(milestone.title)' \(late) days overdue")
                    )
                } else {
                    worsen(
                        .delayed,
                        LocalizedText(
                            ko: "마일스톤 '\(milestone.title)' 기한(\(milestone.due)) 경과", en: "Milestone '\(milestone.title)' past due (\(milestone.due))")
                    )
                }
            }
            if let progress {
                let gap = expected - progress
                let text = LocalizedText(
                    ko: "진척도 \(Self.percent(progress)) (기대 \(Self.percent(expected)))",
                    en: "Progress \(Self.percent(progress)) (expected \(Self.percent(expected)))")
                if gap > StatusRule.atRiskGap {
                    worsen(.atRisk, text)
                } else if gap > StatusRule.delayedGap {
                    worsen(.delayed, text)
                }
            }
        }
        self.status = status
        self.reasons = reasons
    }

    /// The share of `[start, end]` elapsed on `asOf`, between 0 and 1 (1 from the end day on; 0 before the start).
    public static func elapsed(start: String, end: String, asOf: String) -> Double {
        guard let s = LocalTime.day(parsing: start), let e = LocalTime.day(parsing: end), let d = LocalTime.day(parsing: asOf) else { return 0 }
        if d >= e { return 1 }
        if d <= s || e <= s { return 0 }
        return Double(d - s) / Double(e - s)
    }

    /// `42%`, rounded to the nearest point.
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
