/// What an actor may do with the plan: edit their own department's tasks, or (the planning office, admins and the
/// command line) review and edit every task.
public struct PlanRights: Sendable, Hashable {
    /// Accepts and returns reports, imports the task list, edits any task.
    public var isPlanner: Bool
    /// The actor's department, whose tasks they edit and report on.
    public var departmentID: Int64?

    public init(isPlanner: Bool, departmentID: Int64?) {
        self.isPlanner = isPlanner
        self.departmentID = departmentID
    }

    /// Whether the actor may write the reports of a task owned by `departmentID`.
    public func mayEdit(taskOf departmentID: Int64) -> Bool { isPlanner || self.departmentID == departmentID }
}
