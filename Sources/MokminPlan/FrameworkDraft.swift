/// An evaluation framework as a file or the demo gives it, before it is stored (replacing the year's framework).
public struct FrameworkDraft: Sendable, Hashable {
    public struct IndicatorDraft: Sendable, Hashable {
        public var code: String
        public var title: String
        public var points: Double
        public var evidence: String

        public init(code: String, title: String, points: Double, evidence: String = "") {
            self.code = code
            self.title = title
            self.points = points
            self.evidence = evidence
        }
    }

    public var year: Int
    public var title: String
    public var areas: [(title: String, indicators: [IndicatorDraft])]

    public init(year: Int, title: String, areas: [(title: String, indicators: [IndicatorDraft])]) {
        self.year = year
        self.title = title
        self.areas = areas
    }

    public static func == (lhs: FrameworkDraft, rhs: FrameworkDraft) -> Bool {
        lhs.year == rhs.year && lhs.title == rhs.title && lhs.areas.map(\.title) == rhs.areas.map(\.title)
            && lhs.areas.map(\.indicators) == rhs.areas.map(\.indicators)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(title)
    }
}
