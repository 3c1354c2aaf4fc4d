/// A best practice as a person writes it, before it is stored.
public struct NewBestPractice: Sendable, Hashable, Codable {
    public var title: String
    public var problem: String
    public var action: String
    public var result: String
    public var departmentID: Int64
    public var contact: String
    public var tags: [String]
    public var taskID: Int64?
    public var isDemo: Bool

    public init(
        title: String, problem: String, action: String, result: String, departmentID: Int64, contact: String, tags: [String], taskID: Int64? = nil,
        isDemo: Bool = false
    ) {
        self.title = title
        self.problem = problem
        self.action = action
        self.result = result
        self.departmentID = departmentID
        self.contact = contact
        self.tags = tags
        self.taskID = taskID
        self.isDemo = isDemo
    }
}
