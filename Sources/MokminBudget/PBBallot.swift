/// One voter's ballot.
public struct PBBallot: Sendable, Hashable {
    public var voterID: String
    /// The project ids the voter named; for ordinal ballots best first.
    public var projects: [String]
    /// Cumulative ballots: the points given to each of `projects`, in the same order. Nil for other kinds.
    public var points: [Int]?
    /// The other columns in the file's order (age, sex, voting method, …); a `none` column is absent.
    public var extra: [PBField]

    public init(voterID: String, projects: [String], points: [Int]? = nil, extra: [PBField] = []) {
        self.voterID = voterID
        self.projects = projects
        self.points = points
        self.extra = extra
    }
}
