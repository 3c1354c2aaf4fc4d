import Foundation

/// The JSON answer of `mokmin solve`: objective, bound, gap, seconds, facilities and, for coverage problems,
/// covered_weight; also the existing facilities, whether the answer is proven optimal and any uncoverable demand.
public enum SolutionJSON: Sendable {
    struct Output: Encodable {
        var problem: String
        var objective: Double
        var bound: Double
        var gap: Double
        var seconds: Double
        var facilities: [String]
        var existing: [String]
        var coveredWeight: Double?
        var uncoverableDemand: [String]?
        var provenOptimal: Bool

        enum CodingKeys: String, CodingKey {
            case problem, objective, bound, gap, seconds, facilities, existing
            case coveredWeight = "covered_weight"
            case uncoverableDemand = "uncoverable_demand"
            case provenOptimal = "proven_optimal"
        }
    }

    /// Encodes `solution` as pretty-printed JSON with sorted keys.
    public static func encode(_ solution: Solution) throws -> Data {
        let output = Output(
            problem: solution.kind.rawValue, objective: solution.objective, bound: solution.bound, gap: solution.gap,
            seconds: solution.seconds, facilities: solution.facilities, existing: solution.existing,
            coveredWeight: solution.coveredWeight,
            uncoverableDemand: solution.coveredWeight == nil ? nil : solution.uncoverableDemand,
            provenOptimal: solution.provenOptimal
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(output)
    }
}
