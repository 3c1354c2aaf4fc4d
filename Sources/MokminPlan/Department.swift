/// A department (부서) of the city. Officials belong to one; a task is owned by one. Members of a planning office
/// (기획조정실, 혁신담당관 …) review every department's reports.
public struct Department: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    /// Whether its members review all tasks (accept or return reports) and edit the plan itself.
    public var planningOffice: Bool

    public init(id: Int64, name: String, planningOffice: Bool) {
        self.id = id
        self.name = name
        self.planningOffice = planningOffice
    }
}
