import MokminGeo

/// An immutable in-memory snapshot of the region registry, with spatial indexes for point lookups.
///
/// ## Which region holds a point
/// 1. The 읍면동 whose boundary contains the point. Boundaries follow MokminGeo's half-open rule, so a point
///    exactly on an edge shared by two 읍면동 (same vertices) belongs to exactly one of them. Where two boundaries
///    overlap (files rounded to 6 decimals overlap by centimetres), the lowest code wins.
/// 2. Where no 읍면동 contains it but it lies within `borderTolerance` metres of one whose 시군구 has 읍면동 loaded
///    (a sliver between two rounded boundaries), the nearest such 읍면동.
/// 3. Otherwise the 시군구 that contains it (by the same rules): areas with no 읍면동 boundaries answer at 시군구 level.
/// 4. Otherwise nil (at sea, or outside Korea).
public struct RegionRegistry: Sendable {
    public let regions: [String: Region]
    private let entries: [String: RegionCodeEntry]
    private let byKOSTAT7: [String: String]
    private let byKOSTAT8: [String: String]
    private let byRegionKOSTAT: [String: String]
    private let emdIndex: SpatialIndex<String>
    private let sggIndex: SpatialIndex<String>
    private let sggWithEMD: Set<String>
    /// How far outside every 읍면동 a point may fall and still be given the nearest one (metres).
    public let borderTolerance: Double = 30

    public init(regions: [Region], codeEntries: [RegionCodeEntry]) {
        self.regions = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.entries = Dictionary(codeEntries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.byKOSTAT7 = Dictionary(codeEntries.compactMap { e in e.kostatCode.map { ($0, e.code) } }, uniquingKeysWith: { a, _ in a })
        self.byKOSTAT8 = Dictionary(codeEntries.compactMap { e in e.kostatCode8.map { ($0, e.code) } }, uniquingKeysWith: { a, _ in a })
        self.byRegionKOSTAT = Dictionary(
            regions.compactMap { r in r.kostatCode.map { ($0, r.code) } }, uniquingKeysWith: { a, _ in a })
        let emd = regions.filter { $0.level == .emd }
        self.emdIndex = SpatialIndex(emd.map { ($0.boundary.boundingBox.expanded(byDegrees: 0.001), $0.code) })
        self.sggIndex = SpatialIndex(regions.filter { $0.level == .sgg }.map { ($0.boundary.boundingBox, $0.code) })
        self.sggWithEMD = Set(emd.compactMap(\.parentCode))
    }

    public static let empty = RegionRegistry(regions: [], codeEntries: [])

    public var isEmpty: Bool { regions.isEmpty }

    public func regions(level: RegionLevel) -> [Region] {
        regions.values.filter { $0.level == level }.sorted { $0.code < $1.code }
    }

    /// The 읍면동 under a 시군구 (or under each 시군구 of a 시도), sorted by code.
    public func children(of code: String) -> [Region] {
        regions.values.filter { $0.parentCode == code }.sorted { $0.code < $1.code }
    }

    // MARK: Point lookup

    /// The region that holds `point`: see the type's documentation for the rule.
    public func region(at point: GeoPoint) -> Region? {
        let inside = emdIndex.candidates(containing: point).filter { regions[$0]!.boundary.contains(point) }
        if let code = inside.min() { return regions[code] }
        let near = emdIndex.candidates(containing: point)
            .map { (code: $0, distance: regions[$0]!.boundary.distanceMetres(to: point)) }
            .filter { $0.distance <= borderTolerance }
            .min { ($0.distance, $0.code) < ($1.distance, $1.code) }
        if let near { return regions[near.code] }
        let sgg = sggIndex.candidates(containing: point).filter { regions[$0]!.boundary.contains(point) }.min()
        return sgg.flatMap { regions[$0] }
    }

    // MARK: Code lookup

    /// What a code denotes: a region with a boundary, or a dong known only from the code crosswalk.
    public enum CodeMatch: Sendable, Hashable {
        case region(Region)
        case entry(RegionCodeEntry)

        public var code: String {
            switch self {
            case .region(let r): r.code
            case .entry(let e): e.code
            }
        }

        public var name: String {
            switch self {
            case .region(let r): r.fullName
            case .entry(let e): e.fullName
            }
        }
    }

    /// Finds what `raw` denotes. MOIS codes (the default) may have 10, 8, 5 or 2 digits and may be of any vintage
    /// the renamings in `RegionCode` know (강원 42→51, 홍천 동면→영귀미면). KOSTAT codes (7- or 8-digit 읍면동,
    /// 5-digit 시군구) are read only with `system: .kostat`, because some 8-digit KOSTAT codes are the digits of a
    /// different dong's MOIS code.
    public func lookup(code raw: String, system: RegionCodeSystem = .mois) -> CodeMatch? {
        guard let digits = RegionCode.digits(raw) else { return nil }
        switch system {
        case .mois:
            guard let full = RegionCode.expandMOIS(digits) else { return nil }
            for code in RegionCode.equivalents(of: full) {
                if let region = regions[code] { return .region(region) }
            }
            for code in RegionCode.equivalents(of: full) {
                if let entry = entries[code] { return .entry(entry) }
            }
            return nil
        case .kostat:
            let mois: String?
            switch digits.count {
            case 7: mois = byKOSTAT7[digits]
            case 8: mois = byKOSTAT8[digits]
            case 5, 2: mois = byRegionKOSTAT[digits]
            default: mois = nil
            }
            guard let mois else { return nil }
            return lookup(code: mois, system: .mois)
        }
    }
}
