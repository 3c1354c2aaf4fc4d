/// A position in a projected coordinate system, in metres: `x` is the easting and `y` the northing.
public struct ProjectedPoint: Hashable, Sendable {
    /// Easting in metres.
    public var x: Double
    /// Northing in metres.
    public var y: Double

    /// Creates a point from easting and northing.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
