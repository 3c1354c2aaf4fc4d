import Foundation

/// A file attached to a report as evidence (증빙자료); its bytes are stored with it and downloaded as they came.
public struct Evidence: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var reportID: Int64
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var uploadedBy: String?
    public var uploadedAt: Date

    /// The largest evidence file accepted (10 MiB): enough for a scanned page or a photo, small for a database row.
    public static let maxBytes = 10 * 1024 * 1024

    public init(id: Int64, reportID: Int64, fileName: String, contentType: String, size: Int, uploadedBy: String?, uploadedAt: Date) {
        self.id = id
        self.reportID = reportID
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}
