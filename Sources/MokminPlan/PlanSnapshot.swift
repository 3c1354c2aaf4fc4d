import MokminCore

/// A whole plan as stored, read at once: what the overview, readiness view, briefing and export are computed from.
public struct PlanSnapshot: Sendable, Hashable {
    public var plan: Plan
    public var areas: [PlanArea]
    public var tasks: [PlanTask]
    public var departments: [Department]
    public var milestones: [Int64: [Milestone]]
    public var indicators: [Int64: [Indicator]]
    /// Every value of every indicator, by indicator: computed ones from the newest version of their dataset, typed ones
    /// from reports.
    public var values: [Int64: [IndicatorValue]]
    /// Every report, by task.
    public var reports: [Int64: [PeriodReport]]
    /// The evaluation framework of the plan's year, if one is stored.
    public var framework: EvaluationFramework?
    /// The evaluation indicators each task serves, by task.
    public var serves: [Int64: [Int64]]

    public init(
        plan: Plan, areas: [PlanArea], tasks: [PlanTask], departments: [Department], milestones: [Int64: [Milestone]],
        indicators: [Int64: [Indicator]], values: [Int64: [IndicatorValue]], reports: [Int64: [PeriodReport]],
        framework: EvaluationFramework?, serves: [Int64: [Int64]]
    ) {
        self.plan = plan
        self.areas = areas
        self.tasks = tasks
        self.departments = departments
        self.milestones = milestones
        self.indicators = indicators
        self.values = values
        self.reports = reports
        self.framework = framework
        self.serves = serves
    }

    public func department(_ id: Int64) -> Department? { departments.first { $0.id == id } }

    public func task(_ id: Int64) -> PlanTask? { tasks.first { $0.id == id } }

    /// Every task's assessment on the day `asOf`.
    public func assessments(asOf: String) -> [Int64: TaskAssessment] {
        Dictionary(
            uniqueKeysWithValues: tasks.map { task in
                let own = indicators[task.id] ?? []
                let known = own.flatMap { values[$0.id] ?? [] }
                return (task.id, TaskAssessment(task: task, milestones: milestones[task.id] ?? [], indicators: own, values: known, asOf: asOf))
            })
    }

    /// The readiness of every evaluation indicator on the day `asOf` (empty without a framework).
    public func readiness(asOf: String) -> [Readiness] {
        guard let framework else { return [] }
        let assessed = assessments(asOf: asOf)
        let titles = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0.title) })
        var servedBy: [Int64: [Int64]] = [:]
        for task in tasks {
            for indicator in serves[task.id] ?? [] { servedBy[indicator, default: []].append(task.id) }
        }
        return framework.areas.flatMap { area in
            area.indicators.map { indicator in
                Readiness(
                    indicator: indicator, areaTitle: area.title, tasks: (servedBy[indicator.id] ?? []).compactMap { assessed[$0] }, titles: titles)
            }
        }
    }

    /// The day a period is judged on: its last day, or `today` while the period is still running.
    public static func asOf(_ period: Period, today: String) -> String { min(period.endDay, max(today, period.startDay)) }
}
