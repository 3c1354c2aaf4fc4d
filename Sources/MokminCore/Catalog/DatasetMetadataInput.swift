import MokminBase

/// What a person says about a dataset through any channel (the edit and import-review forms, the JSON API, the
/// import API's query, `mokmin import`), every field optional: absent keeps the base's value. Applied over a base
/// in one place, so that every channel splits tags and names an unknown licence or visibility the same way. The
/// result is checked against ``DatasetRules`` where it is stored (and, for an import, before the file is read).
public struct DatasetMetadataInput: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var organization: String?
    /// The tags, or nil to keep them (``tags(from:)`` splits a comma-separated text).
    public var tags: [String]?
    /// A licence's code (`KOGL-1`, `CC-BY-4.0`, …).
    public var license: String?
    public var frequency: String?
    public var source: String?
    public var temporalCoverage: String?
    public var spatialCoverage: String?
    public var contact: String?
    /// `public` or `internal`.
    public var visibility: String?

    public init(
        title: String? = nil, description: String? = nil, organization: String? = nil, tags: [String]? = nil, license: String? = nil,
        frequency: String? = nil, source: String? = nil, temporalCoverage: String? = nil, spatialCoverage: String? = nil,
        contact: String? = nil, visibility: String? = nil
    ) {
        self.title = title
        self.description = description
        self.organization = organization
        self.tags = tags
        self.license = license
        self.frequency = frequency
        self.source = source
        self.temporalCoverage = temporalCoverage
        self.spatialCoverage = spatialCoverage
        self.contact = contact
        self.visibility = visibility
    }

    /// Tags from one comma-separated text (`대기, 미세먼지`): trimmed, blanks and repeats dropped.
    public static func tags(from text: String) -> [String] { DatasetRules.tags(text) }

    /// The given fields over `base`; an unknown licence or visibility is refused by name.
    public func apply(to base: DatasetMetadata) throws -> DatasetMetadata {
        var m = base
        if let title { m.title = title }
        if let description { m.description = description }
        if let organization { m.organization = organization }
        if let tags { m.tags = tags }
        if let license {
            guard let known = DatasetLicense(rawValue: license) else {
                throw MokminError(
                    .invalidInput, ko: "알 수 없는 이용허락입니다: \(license) (가능한 값: \(Self.licenseCodes))",
                    en: "Unknown licence: \(license) (one of \(Self.licenseCodes))")
            }
            m.license = known
        }
        if let frequency { m.frequency = frequency }
        if let source { m.source = source }
        if let temporalCoverage { m.temporalCoverage = temporalCoverage }
        if let spatialCoverage { m.spatialCoverage = spatialCoverage }
        if let contact { m.contact = contact }
        if let visibility {
            guard let known = Visibility(rawValue: visibility) else {
                throw MokminError(.invalidInput, ko: "visibility는 public 또는 internal입니다: \(visibility)", en: "visibility must be public or internal, not \(visibility)")
            }
            m.visibility = known
        }
        return m
    }

    static var licenseCodes: String { DatasetLicense.allCases.map(\.rawValue).joined(separator: ", ") }
}
