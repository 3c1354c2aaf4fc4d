
/// A row of the national code crosswalk: every administrative dong with its MOIS and KOSTAT codes,
/// whether or not its boundary is loaded.
public struct RegionCodeEntry: Sendable, Hashable, Codable {
    /// MOIS 10-digit code.
    public var code: String
    /// KOSTAT 7-digit code; nil for dongs KOSTAT had not yet coded (written `31101XX` in the file).
    public var kostatCode: String?
    /// KOSTAT 8-digit code; nil likewise.
    public var kostatCode8: String?
    public var fullName: String
    public var name: String
    public var sggCode: String
    public var sggName: String
    public var sidoCode: String
    public var sidoName: String

    public init(
        code: String, kostatCode: String?, kostatCode8: String?, fullName: String, name: String,
        sggCode: String, sggName: String, sidoCode: String, sidoName: String
    ) {
        self.code = code
        self.kostatCode = kostatCode
        self.kostatCode8 = kostatCode8
        self.fullName = fullName
        self.name = name
        self.sggCode = sggCode
        self.sggName = sggName
        self.sidoCode = sidoCode
        self.sidoName = sidoName
    }
}
