import MokminBase

/// The limits a ballot must respect, from the file's META (`min_length`, `max_length`, `min_sum_cost`,
/// `max_sum_cost`, `min_points`, `max_points`, `min_sum_points`, `max_sum_points`); nil where the file sets none.
///
/// `problems(of:kind:costs:)` is the one ballot check: the file reader runs it on every vote, and the web side runs it
/// when a citizen votes.
public struct PBBallotRules: Sendable, Hashable {
    /// The fewest projects a ballot names.
    public var minLength: Int?
    /// The most projects a ballot names.
    public var maxLength: Int?
    /// The least total cost of the projects a ballot names.
    public var minSumCost: Rational?
    /// The most total cost of the projects a ballot names.
    public var maxSumCost: Rational?
    /// Cumulative ballots: the fewest points given to one named project.
    public var minPoints: Int?
    /// Cumulative ballots: the most points given to one project.
    public var maxPoints: Int?
    /// Cumulative ballots: the fewest points in all.
    public var minSumPoints: Int?
    /// Cumulative ballots: the most points in all.
    public var maxSumPoints: Int?

    public init(
        minLength: Int? = nil, maxLength: Int? = nil, minSumCost: Rational? = nil, maxSumCost: Rational? = nil,
        minPoints: Int? = nil, maxPoints: Int? = nil, minSumPoints: Int? = nil, maxSumPoints: Int? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.minSumCost = minSumCost
        self.maxSumCost = maxSumCost
        self.minPoints = minPoints
        self.maxPoints = maxPoints
        self.minSumPoints = minSumPoints
        self.maxSumPoints = maxSumPoints
    }

    /// The META keys, in the order a written file lists them.
    static let keys = ["min_length", "max_length", "min_sum_cost", "max_sum_cost", "min_points", "max_points", "min_sum_points", "max_sum_points"]

    /// Every problem of one ballot, empty when the ballot is valid: a project that is not on the ballot paper, a
    /// project named twice, points that do not match the projects, negative points, and each limit above.
    /// `costs` maps every project id of the election to its cost. `minimums: false` leaves out the lower limits
    /// (`min_length`, `min_sum_cost`, `min_points`, `min_sum_points`): published files keep ballots under them (a
    /// Mechanical Turk election has ballots of 99 of 100 points), so the file reader checks only the upper ones.
    public func problems(of ballot: PBBallot, kind: PBBallotKind, costs: [String: Rational], minimums: Bool = true) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        var seen = Set<String>()
        var total = Rational.zero
        for id in ballot.projects {
            if let cost = costs[id] {
                total += cost
            } else {
                problems.append(LocalizedText(ko: "없는 사업 '\(id)'에 투표했습니다", en: "a vote for an unknown project '\(id)'"))
            }
            if !seen.insert(id).inserted {
                problems.append(LocalizedText(ko: "사업 '\(id)'이(가) 두 번 나옵니다", en: "project '\(id)' is named twice"))
            }
        }
        let count = ballot.projects.count
        if kind == .chooseOne && count > 1 {
            problems.append(LocalizedText(ko: "choose-1 투표는 사업 하나만 고릅니다(\(count)개)", en: "a choose-1 ballot names one project (it names \(count))"))
        }
        if minimums, let minLength, count < minLength {
            problems.append(
                LocalizedText(ko: "사업을 \(minLength)개 이상 골라야 합니다(\(count)개)", en: "at least \(minLength) project(s) must be named (\(count) named)"))
        }
        if let maxLength, count > maxLength {
            problems.append(
                LocalizedText(ko: "사업은 \(maxLength)개까지 고를 수 있습니다(\(count)개)", en: "at most \(maxLength) project(s) may be named (\(count) named)"))
        }
        if minimums, let minSumCost, total < minSumCost {
            problems.append(
                LocalizedText(
                    ko: "고른 사업비 합계 \(total.decimalString(scale: 0))가 최소 \(minSumCost.decimalString(scale: 0))보다 적습니다",
                    en:
                        "the projects named cost \(total.decimalString(scale: 0)) in total, less than the minimum \(minSumCost.decimalString(scale: 0))"
                ))
        }
        if let maxSumCost, maxSumCost < total {
            problems.append(
                LocalizedText(
                    ko: "고른 사업비 합계 \(total.decimalString(scale: 0))가 한도 \(maxSumCost.decimalString(scale: 0))를 넘습니다",
                    en: "the projects named cost \(total.decimalString(scale: 0)) in total, over the limit \(maxSumCost.decimalString(scale: 0))"))
        }
        guard kind == .cumulative else {
            if ballot.points != nil {
                problems.append(LocalizedText(ko: "\(kind.rawValue) 투표에는 점수가 없습니다", en: "a \(kind.rawValue) ballot has no points"))
            }
            return problems
        }
        let points = ballot.points ?? []
        if points.count != count {
            problems.append(
                LocalizedText(
                    ko: "점수 \(points.count)개가 사업 \(count)개와 맞지 않습니다", en: "\(points.count) point value(s) for \(count) project(s)"))
            return problems
        }
        for (id, p) in zip(ballot.projects, points) {
            if p < 0 {
                problems.append(LocalizedText(ko: "사업 '\(id)'의 점수 \(p)가 음수입니다", en: "project '\(id)' has negative points (\(p))"))
            }
            if minimums, let minPoints, p < minPoints {
                problems.append(
                    LocalizedText(
                        ko: "사업 '\(id)'의 점수 \(p)가 최소 \(minPoints)보다 적습니다", en: "project '\(id)' has \(p) point(s), less than the minimum \(minPoints)"
                    ))
            }
            if let maxPoints, p > maxPoints {
                problems.append(
                    LocalizedText(
                        ko: "사업 '\(id)'의 점수 \(p)가 한도 \(maxPoints)를 넘습니다", en: "project '\(id)' has \(p) point(s), over the limit \(maxPoints)"))
            }
        }
        let sum = points.reduce(0, +)
        if minimums, let minSumPoints, sum < minSumPoints {
            problems.append(
                LocalizedText(ko: "점수 합계 \(sum)가 최소 \(minSumPoints)보다 적습니다", en: "\(sum) point(s) in all, less than the minimum \(minSumPoints)"))
        }
        if let maxSumPoints, sum > maxSumPoints {
            problems.append(LocalizedText(ko: "점수 합계 \(sum)가 한도 \(maxSumPoints)를 넘습니다", en: "\(sum) point(s) in all, over the limit \(maxSumPoints)"))
        }
        return problems
    }
}
