/// What identifies and describes a plan when a task file is stored into it: the plan of `year` and `organisation` is
/// created on first import and updated after.
public struct NewPlan: Sendable, Hashable, Codable {
    public var year: Int
    public var organisation: String
    public var title: String
    public var vision: String
    public var isDemo: Bool

    public init(year: Int, organisation: String, title: String, vision: String = "", isDemo: Bool = false) {
        self.year = year
        self.organisation = organisation
        self.title = title
        self.vision = vision
        self.isDemo = isDemo
    }
}
