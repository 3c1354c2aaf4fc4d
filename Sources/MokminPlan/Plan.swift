/// A government-innovation plan (정부혁신 실행계획) of one organisation for one year.
public struct Plan: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var year: Int
    /// The organisation the plan belongs to (`세종특별자치시`).
    public var organisation: String
    public var title: String
    public var vision: String
    /// Whether the plan is the demo's (every screen then labels its values 데모).
    public var isDemo: Bool

    public init(id: Int64, year: Int, organisation: String, title: String, vision: String, isDemo: Bool = false) {
        self.id = id
        self.year = year
        self.organisation = organisation
        self.title = title
        self.vision = vision
        self.isDemo = isDemo
    }
}
