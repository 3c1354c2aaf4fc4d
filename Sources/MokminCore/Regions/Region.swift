import MokminGeo

/// One administrative area of the region registry, with its boundary when one has been loaded.
public struct Region: Sendable, Hashable, Identifiable {
    /// The MOIS (행정안전부) 10-digit administrative code, for example `3611025000`.
    public var code: String
    public var level: RegionLevel
    /// The short name, for example `조치원읍`.
    public var name: String
    /// The full name, for example `세종특별자치시 조치원읍`.
    public var fullName: String
    /// The code of the region one level up, when that region is known.
    public var parentCode: String?
    /// The KOSTAT (통계청) census code: 7 digits for 읍면동, 5 for 시군구, 2 for 시도.
    public var kostatCode: String?
    /// The KOSTAT 8-digit 읍면동 code introduced in 2021.
    public var kostatCode8: String?
    public var boundary: MultiPolygon
    public var centroid: GeoPoint
    public var areaSquareMetres: Double

    public var id: String { code }

    public init(
        code: String, level: RegionLevel, name: String, fullName: String, parentCode: String?,
        kostatCode: String?, kostatCode8: String?, boundary: MultiPolygon
    ) {
        self.code = code
        self.level = level
        self.name = name
        self.fullName = fullName
        self.parentCode = parentCode
        self.kostatCode = kostatCode
        self.kostatCode8 = kostatCode8
        self.boundary = boundary
        self.centroid = boundary.centroid
        self.areaSquareMetres = boundary.areaSquareMetres
    }

    /// Area in square kilometres, rounded to two decimals, as maps and tables show it.
    public var areaSquareKilometres: Double { (areaSquareMetres / 10_000).rounded() / 100 }
}
