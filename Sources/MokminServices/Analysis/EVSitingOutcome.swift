import Foundation
import MokminAnalysis

/// The saved result of an EV-charger siting run, with what it was computed from.
public struct EVSitingOutcome: Sendable, Codable {
    public var parameters: EVSitingParameters
    /// Dataset slug → the version number used.
    public var versions: [String: Int]
    public var result: EVSitingResult
    public var existing: [Facility]
    public var candidateCount: Int
    public var demandPlaces: Int
    /// Dong codes of the population dataset that match no registered 읍면동 (left out).
    public var unmatchedCodes: [String]
}
