/// A step of a task with its due day; done when `doneOn` is set.
public struct Milestone: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var taskID: Int64
    public var title: String
    /// `YYYY-MM-DD`.
    public var due: String
    /// The day it was done, `YYYY-MM-DD`; nil while open.
    public var doneOn: String?

    public init(id: Int64, taskID: Int64, title: String, due: String, doneOn: String? = nil) {
        self.id = id
        self.taskID = taskID
        self.title = title
        self.due = due
        self.doneOn = doneOn
    }

    /// Whether it was done by the day `asOf`.
    public func isDone(asOf: String) -> Bool { doneOn.map { $0 <= asOf } ?? false }
}
