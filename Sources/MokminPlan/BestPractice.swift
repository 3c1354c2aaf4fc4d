import Foundation

/// A best practice (우수사례) shared at the review meeting and kept in a searchable library.
public struct BestPractice: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    /// The problem it answered (추진배경).
    public var problem: String
    /// What was done (추진내용).
    public var action: String
    /// The result, with figures (성과).
    public var result: String
    public var departmentID: Int64
    public var contact: String
    public var tags: [String]
    /// The task it was promoted from, if any.
    public var taskID: Int64?
    public var createdAt: Date
    public var isDemo: Bool

    public init(
        id: Int64, title: String, problem: String, action: String, result: String, departmentID: Int64, contact: String, tags: [String],
        taskID: Int64?, createdAt: Date, isDemo: Bool = false
    ) {
        self.id = id
        self.title = title
        self.problem = problem
        self.action = action
        self.result = result
        self.departmentID = departmentID
        self.contact = contact
        self.tags = tags
        self.taskID = taskID
        self.createdAt = createdAt
        self.isDemo = isDemo
    }
}
