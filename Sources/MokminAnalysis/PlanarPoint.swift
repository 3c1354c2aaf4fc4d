import Foundation

/// A point given by its two coordinates (`x` = longitude, `y` = latitude for the geodesic metric).
public struct PlanarPoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
