import Foundation
import MokminAnalysis

/// The saved result of a shelter run: adequacy of the existing shelters, and the siting when candidates were given.
public struct ShelterOutcome: Sendable, Codable {
    public var parameters: ShelterParameters
    public var versions: [String: Int]
    public var adequacy: ShelterReport
    public var siting: ShelterSitingResult?
    public var existing: [Facility]
    public var candidateCount: Int
    public var populationPlaces: Int
    public var unmatchedCodes: [String]
}
