import Foundation

/// Where distances come from: a dense demand × candidate matrix, or coordinates and a metric.
public enum DistanceSource: Sendable {
    case matrix(DistanceMatrix)
    case coordinates(demand: [PlanarPoint], candidates: [PlanarPoint], metric: DistanceMetric)
}
