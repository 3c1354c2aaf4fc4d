import MokminBase

/// A participatory-budgeting election: the budget, the projects, the ballots and the ballot rules, with the
/// file's other META lines and column headers kept so it is written back as it was read.
public struct PBElection: Sendable, Hashable {
    /// Every META line in the file's order, `budget` and `vote_type` included (`budget`, `kind` and `rules` win
    /// when they differ: the writer brings these lines up to date).
    public var meta: [PBField]
    public var budget: Rational
    public var kind: PBBallotKind
    public var projects: [PBProject]
    public var ballots: [PBBallot]
    public var rules: PBBallotRules
    /// The PROJECTS header; `project_id` and `cost` first.
    public var projectColumns: [String]
    /// The VOTES header; `voter_id` and `vote` first (then `points` for cumulative ballots).
    public var voteColumns: [String]

    public init(
        meta: [PBField] = [], budget: Rational, kind: PBBallotKind, projects: [PBProject], ballots: [PBBallot],
        rules: PBBallotRules = PBBallotRules(), projectColumns: [String]? = nil, voteColumns: [String]? = nil
    ) {
        self.meta = meta
        self.budget = budget
        self.kind = kind
        self.projects = projects
        self.ballots = ballots
        self.rules = rules
        var defaultProjectColumns = ["project_id", "cost"]
        if projects.contains(where: { $0.name != nil }) { defaultProjectColumns.append("name") }
        for project in projects {
            for field in project.extra where !defaultProjectColumns.contains(field.key) { defaultProjectColumns.append(field.key) }
        }
        self.projectColumns = projectColumns ?? defaultProjectColumns
        var defaultVoteColumns = kind == .cumulative ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]
        for ballot in ballots {
            for field in ballot.extra where !defaultVoteColumns.contains(field.key) { defaultVoteColumns.append(field.key) }
        }
        self.voteColumns = voteColumns ?? defaultVoteColumns
    }

    /// Each project's cost by id.
    public var costs: [String: Rational] {
        Dictionary(projects.map { ($0.id, $0.cost) }, uniquingKeysWith: { first, _ in first })
    }

    /// The problems of one ballot under this election's projects and rules (empty when it may be cast).
    public func problems(of ballot: PBBallot) -> [LocalizedText] {
        rules.problems(of: ballot, kind: kind, costs: costs)
    }

    /// Refuses an election that cannot be counted: a negative budget or cost, a project id given twice, or a ballot
    /// that breaks the rules (the first 20 problems, each with the voter's id).
    public func validate() throws(PBElectionError) {
        var problems: [LocalizedText] = []
        if budget.isNegative {
            problems.append(LocalizedText(ko: "예산이 음수입니다", en: "the budget is negative"))
        }
        var ids = Set<String>()
        for project in projects {
            if !ids.insert(project.id).inserted {
                problems.append(LocalizedText(ko: "사업 id '\(project.id)'가 두 번 나옵니다", en: "project id '\(project.id)' appears twice"))
            }
            if project.cost.isNegative {
                problems.append(LocalizedText(ko: "사업 '\(project.id)'의 비용이 음수입니다", en: "project '\(project.id)' has a negative cost"))
            }
        }
        let costs = self.costs
        for ballot in ballots {
            for problem in rules.problems(of: ballot, kind: kind, costs: costs) {
                problems.append(LocalizedText(ko: "투표자 \(ballot.voterID): \(problem.ko)", en: "voter \(ballot.voterID): \(problem.en)"))
            }
            if problems.count >= 20 { break }
        }
        if !problems.isEmpty { throw PBElectionError(problems: problems) }
    }
}

/// An election that cannot be counted, with its problems.
public struct PBElectionError: BilingualError, Sendable {
    public var problems: [LocalizedText]

    public init(problems: [LocalizedText]) { self.problems = problems }

    public var message: LocalizedText {
        LocalizedText(
            ko: "선거 자료에 문제가 \(problems.count)건 있습니다: " + problems.map(\.ko).joined(separator: "; "),
            en: "the election has \(problems.count) problem(s): " + problems.map(\.en).joined(separator: "; "))
    }
}
