import Foundation

/// Demand reduced for coverage problems: points covered by an existing facility or by no site at all are set aside,
/// and the rest are merged into groups covered by the same set of new candidate sites (weights summed).
struct CoverageReduction: Sendable {
    /// Weight already within the radius of an existing facility.
    var coveredByExisting = 0.0
    /// Demand indices (of positive weight) that no candidate or existing site covers.
    var uncoverable: [Int] = []
    var uncoverableWeight = 0.0
    /// Merged groups: weight, and the candidates covering them.
    var groupWeight: [Double] = []
    var groupColumns: [[Int32]] = []
    /// For each group, one demand index it came from (the first).
    var groupDemand: [Int] = []
    /// Per candidate: the groups it covers (empty for existing facilities).
    var columns: [[Int32]] = []

    init(coverage: CoverageLists, weights: [Double], existing: [Int], merge: Bool = true) {
        var isExisting = [Bool](repeating: false, count: coverage.columns.count)
        for j in existing { isExisting[j] = true }
        var groupOf: [[Int32]: Int] = [:]
        columns = Array(repeating: [], count: coverage.columns.count)
        for (i, sites) in coverage.rows().enumerated() where weights[i] > 0 {
            if sites.contains(where: { isExisting[Int($0)] }) {
                coveredByExisting += weights[i]
            } else if sites.isEmpty {
                uncoverable.append(i)
                uncoverableWeight += weights[i]
            } else if merge, let g = groupOf[sites] {
                groupWeight[g] += weights[i]
            } else {
                groupOf[sites] = groupWeight.count
                for j in sites { columns[Int(j)].append(Int32(groupWeight.count)) }
                groupWeight.append(weights[i])
                groupColumns.append(sites)
                groupDemand.append(i)
            }
        }
    }
}
