/// A proportional symbol on an ``SVGMap``: a circle whose area is proportional to `value`.
import MokminGeo
public struct MapPoint: Sendable {
    /// Written as `data-id` on the circle.
    public var id: String
    /// Text drawn beside the circle; nil for none.
    public var label: String?
    /// Hover text, written as the circle's `<title>`.
    public var title: String
    /// Where the circle is centred.
    public var location: GeoPoint
    /// Sets the radius, ∝ √value; nil gives a small fixed dot.
    public var value: Double?
    /// An explicit fill colour.
    public var fill: String?

    /// Creates a point symbol.
    public init(id: String, label: String? = nil, title: String, location: GeoPoint, value: Double? = nil, fill: String? = nil) {
        self.id = id
        self.label = label
        self.title = title
        self.location = location
        self.value = value
        self.fill = fill
    }
}
