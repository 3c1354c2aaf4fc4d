/// One GeoJSON feature: its properties and its geometry (nil when the file says `"geometry": null`).
import MokminBase
public struct GeoJSONFeature: Sendable {
    /// The `properties` object; empty when the file has `null`.
    public var properties: [String: JSONValue]
    /// The geometry, or nil for an unlocated feature.
    public var geometry: Geometry?

    /// Creates a feature.
    public init(properties: [String: JSONValue], geometry: Geometry?) {
        self.properties = properties
        self.geometry = geometry
    }

    /// The property `key` as display text (see ``JSONValue/stringValue``).
    public func string(_ key: String) -> String? {
        properties[key]?.stringValue
    }
}
