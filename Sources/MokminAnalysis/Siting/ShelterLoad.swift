import Foundation

/// One shelter's load when everyone goes to the nearest shelter within walking distance.
public struct ShelterLoad: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// People it can hold.
    public var capacity: Double
    /// People whose nearest reachable shelter it is.
    public var assigned: Double
    /// People beyond capacity: max(0, assigned − capacity).
    public var overload: Double
    /// assigned / capacity (1 = exactly full, above 1 = overloaded).
    public var utilisation: Double

    public init(id: String, name: String, capacity: Double, assigned: Double) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.assigned = assigned
        overload = max(0, assigned - capacity)
        utilisation = assigned / capacity
    }
}
