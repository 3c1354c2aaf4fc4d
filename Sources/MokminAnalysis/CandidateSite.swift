import Foundation

/// A place where a facility may be opened; `capacity` is used by capacitated coverage only (nil = unlimited).
public struct CandidateSite: Sendable, Hashable {
    public var id: String
    public var capacity: Double?

    public init(id: String, capacity: Double? = nil) {
        self.id = id
        self.capacity = capacity
    }
}
