/// A priority area (역점분야) of a plan, in the plan's order.
public struct PlanArea: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var planID: Int64
    public var position: Int
    public var title: String

    public init(id: Int64, planID: Int64, position: Int, title: String) {
        self.id = id
        self.planID = planID
        self.position = position
        self.title = title
    }
}
