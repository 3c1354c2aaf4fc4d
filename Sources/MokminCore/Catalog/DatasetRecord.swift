import Foundation

/// A dataset as the catalog lists it: its metadata and its newest version.
public struct DatasetRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var metadata: DatasetMetadata
    public var createdAt: Date
    public var updatedAt: Date
    public var latest: DatasetVersion?

    public init(id: Int64, metadata: DatasetMetadata, createdAt: Date, updatedAt: Date, latest: DatasetVersion? = nil) {
        self.id = id
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.latest = latest
    }
}
