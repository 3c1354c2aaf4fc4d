/// The three tiers of Korean local administration.
public enum RegionLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// 시도: province or metropolitan city (code `SS00000000`).
    case sido
    /// 시군구: city, county or district, including the 일반구 of large cities (code `SSGGG00000`).
    case sgg
    /// 읍면동: town, township or administrative dong (code `SSGGGEEEEE`).
    case emd

    var depth: Int {
        switch self {
        case .sido: 0
        case .sgg: 1
        case .emd: 2
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.depth < rhs.depth }

    /// 시도, 시군구 or 읍면동.
    public var koreanName: String {
        switch self {
        case .sido: "시도"
        case .sgg: "시군구"
        case .emd: "읍면동"
        }
    }

    /// The level a 10-digit MOIS code denotes by its trailing zeros, or nil when it is not a 10-digit code.
    public static func of(code: String) -> RegionLevel? {
        guard code.count == 10, code.allSatisfy(\.isASCIIDigit) else { return nil }
        if code.hasSuffix("00000000") { return .sido }
        if code.hasSuffix("00000") { return .sgg }
        return .emd
    }
}

extension Character {
    /// True for the ten ASCII digits only (not other Unicode digits).
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
