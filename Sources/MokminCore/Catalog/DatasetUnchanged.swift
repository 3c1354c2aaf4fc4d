import Foundation

/// Thrown by `publish` when `appendToLatest` added no row: nothing is written, no version is made.
public struct DatasetUnchanged: Error, Sendable {
    public init() {}
}
