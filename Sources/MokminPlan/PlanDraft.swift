import MokminCore

/// A plan's task list as a file gives it (one row per task and indicator), checked and ready to store.
public struct PlanDraft: Sendable, Hashable {
    public struct MilestoneDraft: Sendable, Hashable {
        public var title: String
        public var due: String
        public var doneOn: String?

        public init(title: String, due: String, doneOn: String? = nil) {
            self.title = title
            self.due = due
            self.doneOn = doneOn
        }
    }

    public struct IndicatorDraft: Sendable, Hashable {
        public var name: String
        public var unit: String
        public var baseline: Double
        public var target: Double
        public var direction: IndicatorDirection
        public var weight: Double
        public var source: IndicatorSource

        public init(
            name: String, unit: String, baseline: Double, target: Double, direction: IndicatorDirection, weight: Double, source: IndicatorSource
        ) {
            self.name = name
            self.unit = unit
            self.baseline = baseline
            self.target = target
            self.direction = direction
            self.weight = weight
            self.source = source
        }
    }

    public struct TaskDraft: Sendable, Hashable {
        public var area: String
        public var code: String
        public var title: String
        public var department: String
        public var manager: String
        public var description: String
        public var start: String
        public var end: String
        public var budget: Int64?
        public var milestones: [MilestoneDraft]
        public var indicators: [IndicatorDraft]
        /// Codes of the evaluation indicators the task serves (`1-2`).
        public var evaluation: [String]
        /// The file line the task starts on (for messages).
        public var line: Int

        public init(
            area: String, code: String, title: String, department: String, manager: String = "", description: String = "", start: String,
            end: String, budget: Int64? = nil, milestones: [MilestoneDraft] = [], indicators: [IndicatorDraft] = [], evaluation: [String] = [],
            line: Int = 0
        ) {
            self.area = area
            self.code = code
            self.title = title
            self.department = department
            self.manager = manager
            self.description = description
            self.start = start
            self.end = end
            self.budget = budget
            self.milestones = milestones
            self.indicators = indicators
            self.evaluation = evaluation
            self.line = line
        }
    }

    /// Area titles in the order the file first names them.
    public var areas: [String]
    public var tasks: [TaskDraft]
    /// The file it came from, for messages.
    public var fileName: String

    public init(areas: [String], tasks: [TaskDraft], fileName: String = "plan") {
        self.areas = areas
        self.tasks = tasks
        self.fileName = fileName
    }
}
