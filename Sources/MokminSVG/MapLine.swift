/// A line on an ``SVGMap`` (a road, route or flow), coloured by its value's class.
import MokminGeo
public struct MapLine: Sendable {
    /// Written as `data-id` on the line.
    public var id: String
    /// Hover text, written as the line's `<title>`.
    public var title: String
    /// The vertices in order.
    public var path: [GeoPoint]
    /// The value that picks the class colour, classed separately from the areas.
    public var value: Double?
    /// An explicit stroke colour, overriding the classed one.
    public var stroke: String?

    /// Creates a line.
    public init(id: String, title: String, path: [GeoPoint], value: Double? = nil, stroke: String? = nil) {
        self.id = id
        self.title = title
        self.path = path
        self.value = value
        self.stroke = stroke
    }
}
