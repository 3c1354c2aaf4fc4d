import Foundation

/// A dataset's catalog entry: what it is, who keeps it, and who may see it.
public struct DatasetMetadata: Sendable, Hashable, Codable {
    /// URL-safe identifier: lowercase letters, digits and `-`, 2–100 characters (CKAN's `name`).
    public var slug: String
    public var title: String
    public var description: String
    /// The department that keeps it (CKAN's organization), as its name.
    public var organization: String
    public var tags: [String]
    public var license: DatasetLicense
    /// How often it is updated, in words (e.g. `매일`, `월 1회`).
    public var frequency: String
    public var source: String
    public var temporalCoverage: String
    public var spatialCoverage: String
    public var visibility: Visibility
    public var contact: String

    public init(
        slug: String, title: String, description: String = "", organization: String = "", tags: [String] = [],
        license: DatasetLicense = .kogl1, frequency: String = "", source: String = "", temporalCoverage: String = "",
        spatialCoverage: String = "", visibility: Visibility = .internal, contact: String = ""
    ) {
        self.slug = slug
        self.title = title
        self.description = description
        self.organization = organization
        self.tags = tags
        self.license = license
        self.frequency = frequency
        self.source = source
        self.temporalCoverage = temporalCoverage
        self.spatialCoverage = spatialCoverage
        self.visibility = visibility
        self.contact = contact
    }
}
