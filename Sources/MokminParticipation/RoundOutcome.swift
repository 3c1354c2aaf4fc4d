import Foundation

/// A district's decided outcome as the results page shows it: what was selected, in order, and each project's fate
/// in words and numbers that add up (computed by the budget rules when the round moved to results, stored as JSON).
public struct RoundOutcome: Codable, Sendable, Hashable {
    /// The rule's name (`greedy`, `mes`, `mes-add1`, `mes-add1-greedy`, `mes-step`).
    public var rule: String
    public var budget: Int64
    public var ballots: Int
    /// The selected projects' ids, in the order the rule chose them.
    public var selected: [Int64]
    /// Exact total of the selected projects' costs (won).
    public var totalCost: Int64
    /// Per project, in the order of the results page (selected first, in selection order; then the others by score).
    public var fates: [ProjectFate]

    public init(rule: String, budget: Int64, ballots: Int, selected: [Int64], totalCost: Int64, fates: [ProjectFate]) {
        self.rule = rule
        self.budget = budget
        self.ballots = ballots
        self.selected = selected
        self.totalCost = totalCost
        self.fates = fates
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ json: String) -> RoundOutcome? { try? JSONDecoder().decode(RoundOutcome.self, from: Data(json.utf8)) }
}

/// One project's fate: chosen or not, at which stage, and why, with the figures behind the sentence.
public struct ProjectFate: Codable, Sendable, Hashable {
    public var projectID: Int64
    public var code: String
    public var cost: Int64
    public var selected: Bool
    /// `mes` (bought by its supporters' equal shares), `completion` (added by the greedy completion), `greedy`.
    public var stage: String
    /// Ballots that support it (approval), or its points or Borda score as a decimal string.
    public var supporters: Int
    public var score: String
    /// Its rank by score (greedy) — 1 is the most supported.
    public var rank: Int?
    /// The budget left before and after it was considered (greedy and completion), as exact decimals.
    public var remainingBefore: String?
    public var remainingAfter: String?
    /// MES: what its supporters paid, grouped by amount (how many paid how much), and the total (= its cost).
    public var payments: [Payment]
    public var totalPaid: String?
    /// MES, not selected: what its supporters had left together when the rule stopped.
    public var supportersLeft: String?
    public var reasonKo: String
    public var reasonEn: String

    public init(
        projectID: Int64, code: String, cost: Int64, selected: Bool, stage: String, supporters: Int, score: String, rank: Int?,
        remainingBefore: String?, remainingAfter: String?, payments: [Payment], totalPaid: String?, supportersLeft: String?, reasonKo: String,
        reasonEn: String
    ) {
        self.projectID = projectID
        self.code = code
        self.cost = cost
        self.selected = selected
        self.stage = stage
        self.supporters = supporters
        self.score = score
        self.rank = rank
        self.remainingBefore = remainingBefore
        self.remainingAfter = remainingAfter
        self.payments = payments
        self.totalPaid = totalPaid
        self.supportersLeft = supportersLeft
        self.reasonKo = reasonKo
        self.reasonEn = reasonEn
    }

    public struct Payment: Codable, Sendable, Hashable {
        /// What each of these voters paid, as an exact decimal (rounded to 2 places for display).
        public var amount: String
        public var voters: Int

        public init(amount: String, voters: Int) {
            self.amount = amount
            self.voters = voters
        }
    }
}
