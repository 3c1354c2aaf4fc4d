import Foundation

/// Who may see a dataset.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    /// Anyone, including anonymous visitors and CKAN clients without a token.
    case `public`
    /// Signed-in officials (and API tokens) only.
    case `internal`
}

/// The licences Korean public data is published under: 공공누리 types 1–4 and the Creative Commons licences.
public enum DatasetLicense: String, Sendable, Codable, CaseIterable {
    case kogl1 = "KOGL-1"
    case kogl2 = "KOGL-2"
    case kogl3 = "KOGL-3"
    case kogl4 = "KOGL-4"
    case ccBy = "CC-BY-4.0"
    case ccBySa = "CC-BY-SA-4.0"
    case ccByNc = "CC-BY-NC-4.0"
    case cc0 = "CC0-1.0"
    case other = "other"

    public var title: String {
        switch self {
        case .kogl1: "공공누리 제1유형 (출처표시)"
        case .kogl2: "공공누리 제2유형 (출처표시, 상업적 이용금지)"
        case .kogl3: "공공누리 제3유형 (출처표시, 변경금지)"
        case .kogl4: "공공누리 제4유형 (출처표시, 상업적 이용금지, 변경금지)"
        case .ccBy: "Creative Commons Attribution 4.0"
        case .ccBySa: "Creative Commons Attribution-ShareAlike 4.0"
        case .ccByNc: "Creative Commons Attribution-NonCommercial 4.0"
        case .cc0: "CC0 1.0 (Public Domain Dedication)"
        case .other: "기타 / Other"
        }
    }
}

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
