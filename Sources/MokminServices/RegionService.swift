import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminIngest
import MokminStore
import Synchronization

/// The region registry as a service: loads boundary and code files into the store in one transaction each,
/// and keeps an in-memory snapshot (`registry`) for point and code lookups.
public final class RegionService: Sendable {
    let repositories: Repositories
    private let snapshot: Mutex<RegionRegistry>

    /// The setting that names the city (시군구) this server serves; Sejong (`3611000000`) by default.
    public static let citySetting = "city"
    public static let defaultCity = "3611000000"

    public init(repositories: Repositories) {
        self.repositories = repositories
        self.snapshot = Mutex(.empty)
    }

    /// The current snapshot. Cheap: copy-on-write dictionaries.
    public var registry: RegionRegistry { snapshot.withLock { $0 } }

    /// Rebuilds the snapshot from the store (at start and after every load).
    public func reload() async throws {
        let regions = try await repositories.regions.all()
        let entries = try await repositories.regions.codeEntries()
        let fresh = RegionRegistry(regions: regions, codeEntries: entries)
        snapshot.withLock { $0 = fresh }
    }

    /// What a load did, for the command line and the log.
    public struct LoadReport: Sendable, CustomStringConvertible {
        public var file: String
        public var level: RegionLevel?
        public var loaded: Int
        public var derivedProvinces: Int
        public var description: String {
            if let level {
                let extra = derivedProvinces > 0 ? ", 시도 \(derivedProvinces)개 합성 / \(derivedProvinces) provinces derived" : ""
                return "\(file): \(level.koreanName) \(loaded)개 적재 / loaded \(loaded) \(level.rawValue) regions\(extra)"
            }
            return "\(file): 행정동 코드 \(loaded)개 적재 / loaded \(loaded) dong codes"
        }
    }

    /// Loads a GeoJSON boundary file at `level`. Loading 시군구 also draws each 시도 that has no boundary of its own
    /// as the union of its 시군구. Bad input changes nothing.
    @discardableResult
    public func loadBoundaries(_ data: Data, file: String, level: RegionLevel, actor: String?) async throws -> LoadReport {
        let crosswalk = Dictionary(
            try await repositories.regions.codeEntries().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var regions = try RegionFileReader.readBoundaries(data, file: file, level: level, crosswalk: crosswalk)
        var derived = 0
        if level == .sgg {
            let current = registry
            let provinces = RegionFileReader.deriveProvinces(from: regions, names: RegionFileReader.provinceNames(data))
                .filter { province in current.regions[province.code].map { $0.fullName == province.fullName } ?? true }
            derived = provinces.count
            regions += provinces
        }
        try await repositories.regions.upsert(
            regions, source: file,
            audit: AuditEvent(actor: actor, action: "regions.load", target: file, detail: "level=\(level.rawValue) count=\(regions.count)"))
        try await reload()
        return LoadReport(file: file, level: level, loaded: regions.count - derived, derivedProvinces: derived)
    }

    /// Loads the administrative-dong code crosswalk (TSV), replacing the previous one. Bad input changes nothing.
    @discardableResult
    public func loadCrosswalk(_ data: Data, file: String, actor: String?) async throws -> LoadReport {
        let entries = try RegionFileReader.readCrosswalk(data, file: file)
        try await repositories.regions.replaceCodes(
            entries, audit: AuditEvent(actor: actor, action: "regions.codes", target: file, detail: "count=\(entries.count)"))
        try await reload()
        return LoadReport(file: file, level: nil, loaded: entries.count, derivedProvinces: 0)
    }

    /// Loads the boundaries shipped with Mokmin (national 시군구, the code crosswalk, and 읍면동 of Sejong and
    /// Hongcheon) when the registry is empty. Returns what it loaded, nothing on later starts.
    public func seedBundledIfEmpty() async throws -> [LoadReport] {
        guard try await repositories.regions.count(level: nil) == 0 else {
            try await reload()
            return []
        }
        var reports: [LoadReport] = []
        reports.append(try await loadCrosswalk(try BundledData.read(.crosswalk), file: BundledData.crosswalk.fileName, actor: nil))
        reports.append(try await loadBoundaries(try BundledData.read(.sgg), file: BundledData.sgg.fileName, level: .sgg, actor: nil))
        for file in [BundledData.sejongEMD, .hongcheonEMD] {
            reports.append(try await loadBoundaries(try BundledData.read(file), file: file.fileName, level: .emd, actor: nil))
        }
        return reports
    }

    // MARK: The served city

    /// Whether the served city has its 읍면동, after ``loadBundledEMD(for:actor:)``.
    public enum EMDAvailability: Sendable, Equatable {
        /// The registry already held them.
        case present
        /// They were loaded now from the bundled archive (how many).
        case loaded(Int)
        /// Mokmin does not bundle the 읍면동 of this 시도: a person loads a boundary file.
        case notBundled(province: String)

        /// What the command line and the admin page say about it.
        public var notice: LocalizedText? {
            switch self {
            case .present: nil
            case .loaded(let count):
                LocalizedText(ko: "내장 읍면동 경계 \(count)개를 적재했습니다", en: "Loaded \(count) bundled 읍면동 boundaries")
            case .notBundled(let province):
                LocalizedText(
                    ko: "\(province)의 읍면동 경계는 Mokmin에 들어 있지 않습니다. 경계 파일을 `mokmin regions load FILE.geojson --level emd`로 적재하세요",
                    en:
                        "The 읍면동 boundaries of \(province) are not bundled with Mokmin: load a boundary file with `mokmin regions load FILE.geojson --level emd`"
                )
            }
        }
    }

    /// Loads the bundled 읍면동 of `city`'s 시도 when the registry holds none of the city's (on first use of a city:
    /// setting it, and at every start for the city served). Idempotent; the load is audited like any other.
    @discardableResult
    public func loadBundledEMD(for city: Region, actor: String?) async throws -> EMDAvailability {
        let prefix = String(city.code.prefix(5))
        if registry.regions.values.contains(where: { $0.level == .emd && $0.code.hasPrefix(prefix) }) { return .present }
        let sido = String(city.code.prefix(2))
        guard let (data, file) = try BundledProvinceEMD.read(sido: sido) else {
            let name = BundledProvinceEMD.missing[sido] ?? registry.regions[sido + "00000000"]?.name ?? sido
            return .notBundled(province: name)
        }
        let report = try await loadBoundaries(data, file: file, level: .emd, actor: actor)
        return .loaded(report.loaded)
    }

    /// The 시군구 this server serves.
    public func city() async throws -> Region? {
        let code = try await repositories.settings.value(for: Self.citySetting) ?? Self.defaultCity
        return registry.regions[code]
    }

    /// Sets the served city; it must be a 시군구 of the registry (a 5- or 10-digit MOIS code).
    public func setCity(_ raw: String, actor: String?) async throws -> Region {
        guard case .region(let region)? = registry.lookup(code: raw), region.level == .sgg else {
            throw MokminError(
                .invalidInput, ko: "'\(raw)'은(는) 등록된 시군구 코드가 아닙니다", en: "'\(raw)' is not the code of a 시군구 in the registry")
        }
        try await repositories.settings.set(
            region.code, for: Self.citySetting, audit: AuditEvent(actor: actor, action: "settings.city", target: region.code))
        return region
    }
}
