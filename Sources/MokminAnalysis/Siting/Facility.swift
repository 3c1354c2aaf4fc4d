import Foundation
import MokminGeo

/// A facility that exists or could be built: an earthquake outdoor shelter, an EV charger.
public struct Facility: Sendable, Hashable, Codable {
    /// Unique among all the facilities (existing and candidate) of one analysis.
    public var id: String
    /// A human name, used in reports and error messages.
    public var name: String
    public var location: GeoPoint
    /// People it can hold (shelters: required, finite and above 0). EV charger siting ignores it.
    public var capacity: Double?

    public init(id: String, name: String, location: GeoPoint, capacity: Double? = nil) {
        self.id = id
        self.name = name
        self.location = location
        self.capacity = capacity
    }
}
