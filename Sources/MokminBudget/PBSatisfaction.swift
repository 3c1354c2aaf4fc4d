/// The election as the rules see it: projects by index, each with its supporters and their satisfaction.
///
/// A voter's satisfaction from project p is `weight × unit[p]`: for approval and choose-1 ballots pabutools'
/// `Cost_Sat` (weight 1, unit = the cost, so a project costing 0 has no supporters), for cumulative ballots
/// `Additive_Cardinal_Sat` (weight = the points, unit 1), for ordinal ballots `Additive_Borda_Sat` (a ballot ranking
/// k projects gives the one at position i, counting from 0, weight k − 1 − i: the last ranked gets 0, unit 1).
/// Only voters with positive satisfaction are supporters.
struct PBSatisfaction: Sendable {
    let ids: [String]
    let costs: [Rational]
    let costDoubles: [Double]
    let budget: Rational
    let voterCount: Int
    let voterIDs: [String]
    let supporters: [[Int32]]
    let weights: [[Int]]
    let totalWeight: [Int]
    let unit: [Rational]
    /// Every project index in the order of their ids (pabutools' `lexico_tie_breaking`: Unicode code points).
    let idOrder: [Int]
    /// The position of each project in `idOrder`.
    let idRank: [Int]

    init(_ election: PBElection) {
        let projects = election.projects
        ids = projects.map(\.id)
        costs = projects.map(\.cost)
        costDoubles = costs.map(\.doubleValue)
        budget = election.budget
        voterCount = election.ballots.count
        voterIDs = election.ballots.map(\.voterID)
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        var supporters = [[Int32]](repeating: [], count: projects.count)
        var weights = [[Int]](repeating: [], count: projects.count)
        for (v, ballot) in election.ballots.enumerated() {
            let k = ballot.projects.count
            var seen = Set<Int>()
            for (position, id) in ballot.projects.enumerated() {
                guard let p = index[id], seen.insert(p).inserted else { continue }
                let weight: Int
                switch election.kind {
                case .approval, .chooseOne: weight = projects[p].cost.isZero ? 0 : 1
                case .cumulative: weight = ballot.points.map { position < $0.count ? $0[position] : 0 } ?? 0
                case .ordinal: weight = k - 1 - position
                }
                if weight > 0 {
                    supporters[p].append(Int32(v))
                    weights[p].append(weight)
                }
            }
        }
        self.supporters = supporters
        self.weights = weights
        totalWeight = weights.map { $0.reduce(0, +) }
        unit = projects.map { election.kind.countsAsApproval ? $0.cost : .one }
        let order = projects.indices.sorted { PBSatisfaction.idPrecedes(projects[$0].id, projects[$1].id) }
        idOrder = order
        var rank = [Int](repeating: 0, count: projects.count)
        for (r, p) in order.enumerated() { rank[p] = r }
        idRank = rank
    }

    /// Python's `str` order: code point by code point (UTF-8 bytes compare the same way).
    static func idPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The total satisfaction of project p.
    func totalSatisfaction(_ p: Int) -> Rational { unit[p] * Rational(totalWeight[p]) }

    /// The cost of a set of projects.
    func cost<S: Sequence>(of projects: S) -> Rational where S.Element == Int {
        projects.reduce(Rational.zero) { $0 + costs[$1] }
    }

    /// pabutools' `Instance.is_exhaustive`: no project outside `selected` fits in what the budget has left.
    func isExhaustive(_ selected: [Int]) -> Bool {
        let chosen = Set(selected)
        let left = budget - cost(of: selected)
        return !ids.indices.contains { !chosen.contains($0) && !(left < costs[$0]) }
    }
}
