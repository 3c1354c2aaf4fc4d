/// A filled area on an ``SVGMap``, such as one district of a choropleth.
import MokminGeo
public struct MapArea: Sendable {
    /// Written as `data-id` on the area's path.
    public var id: String
    /// Text drawn on the map at the area's ``MultiPolygon/labelPoint``; nil for none.
    public var label: String?
    /// Hover text, written as the path's `<title>`.
    public var title: String
    /// The outline.
    public var geometry: MultiPolygon
    /// The value that picks the class colour; nil shows the "no data" fill.
    public var value: Double?
    /// When set, the area links here.
    public var href: String?
    /// An explicit fill colour, overriding the classed one.
    public var fill: String?

    /// Creates an area.
    public init(
        id: String, label: String? = nil, title: String, geometry: MultiPolygon, value: Double? = nil, href: String? = nil,
        fill: String? = nil
    ) {
        self.id = id
        self.label = label
        self.title = title
        self.geometry = geometry
        self.value = value
        self.href = href
        self.fill = fill
    }
}
