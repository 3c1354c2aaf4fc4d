/// What storing a task file changed.
public struct PlanImportSummary: Sendable, Hashable, Codable {
    public var planID: Int64
    public var tasksAdded: Int
    public var tasksUpdated: Int
    /// Tasks of the plan the file did not name: kept as they are (with their reports).
    public var tasksKept: Int
    public var indicators: Int
    /// Departments the file named that did not exist yet.
    public var departmentsAdded: [String]

    public init(planID: Int64, tasksAdded: Int, tasksUpdated: Int, tasksKept: Int, indicators: Int, departmentsAdded: [String]) {
        self.planID = planID
        self.tasksAdded = tasksAdded
        self.tasksUpdated = tasksUpdated
        self.tasksKept = tasksKept
        self.indicators = indicators
        self.departmentsAdded = departmentsAdded
    }
}
