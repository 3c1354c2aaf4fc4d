import Foundation

/// How distances are measured when the problem is given by coordinates.
public enum DistanceMetric: String, Sendable, Codable, CaseIterable {
    /// Straight-line distance in the units of the input (projected metres, for example).
    case euclidean
    /// Geodesic distance in metres on WGS84; `x` is longitude and `y` latitude in degrees.
    case geodesic
}
