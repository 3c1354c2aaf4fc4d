/// A task (세부과제) of a priority area, owned by one department.
public struct PlanTask: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var areaID: Int64
    /// The plan's own numbering (`1-3`), unique within the plan.
    public var code: String
    public var title: String
    public var departmentID: Int64
    /// The person in charge (담당자), as the plan names them.
    public var manager: String
    public var description: String
    /// First and last day, `YYYY-MM-DD`.
    public var start: String
    public var end: String
    /// The budget in thousands of won (천원), as Korean plans state it; nil when none.
    public var budget: Int64?
    public var isDemo: Bool

    public init(
        id: Int64, areaID: Int64, code: String, title: String, departmentID: Int64, manager: String, description: String, start: String,
        end: String, budget: Int64?, isDemo: Bool = false
    ) {
        self.id = id
        self.areaID = areaID
        self.code = code
        self.title = title
        self.departmentID = departmentID
        self.manager = manager
        self.description = description
        self.start = start
        self.end = end
        self.budget = budget
        self.isDemo = isDemo
    }
}
