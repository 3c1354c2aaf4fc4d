import Foundation

/// A place where demand arises; `weight` (people, households, calls) must be finite and at least 0.
public struct DemandPoint: Sendable, Hashable {
    public var id: String
    public var weight: Double

    public init(id: String, weight: Double = 1) {
        self.id = id
        self.weight = weight
    }
}
