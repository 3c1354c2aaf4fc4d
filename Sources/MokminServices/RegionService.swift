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
    /// as the union of its 시군구. With `keepingExisting` the regions the registry already holds are left as they are
    /// (a bundled, simplified province must not replace a city's own finer boundaries). Bad input changes nothing.
    @discardableResult
    public func loadBoundaries(_ data: Data, file: String, level: RegionLevel, actor: String?, keepingExisting: Bool = false) async throws
        -> LoadReport
    {
        let crosswalk = Dictionary(
            try await repositories.regions.codeEntries().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var regions = try RegionFileReader.readBoundaries(data, file: file, level: level, crosswalk: crosswalk)
        if keepingExisting {
            let held = registry.regions
            regions.removeAll { held[$0.code] != nil }
        }
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
        let report = try await loadBoundaries(data, file: file, level: .emd, actor: actor, keepingExisting: true)
        return .loaded(report.loaded)
    }

    /// How many cities one server may serve (a province has at most a few dozen 시군구).
    public static let maxServedCities = 60

    /// The 시군구 this server serves, in the order the administrator gave (the first is the default city); codes the
    /// registry no longer holds are left out. A county serves one; a province several.
    public func servedCities() async throws -> [Region] {
        let stored = try await repositories.settings.value(for: Self.citySetting) ?? Self.defaultCity
        let registry = registry
        return Self.codes(in: stored).compactMap { registry.regions[$0] }
    }

    /// The first served city: the one a command uses when it is not told which.
    public func city() async throws -> Region? { try await servedCities().first }

    /// The cities a person sees: their own when their account belongs to a served city, otherwise (the province's
    /// staff, citizens, display tokens of accounts without a city) every served city.
    public func cities(for principal: Principal?) async throws -> [Region] {
        let served = try await servedCities()
        if let code = principal?.city, let own = served.first(where: { $0.code == code }) { return [own] }
        return served
    }

    /// The one city a page about a single city shows to this person: their own, or the first served.
    public func city(for principal: Principal?) async throws -> Region? { try await cities(for: principal).first }

    /// Sets the served city (one code).
    @discardableResult
    public func setCity(_ raw: String, actor: String?) async throws -> Region {
        try await setCities(raw, actor: actor)[0]
    }

    /// Sets the served cities from codes separated by spaces, commas or new lines (1 to ``maxServedCities``, each a
    /// 시군구 of the registry as a 5- or 10-digit MOIS code; a code given twice counts once). Nothing changes when one
    /// is refused, and the error names it.
    @discardableResult
    public func setCities(_ raw: String, actor: String?) async throws -> [Region] {
        let codes = Self.codes(in: raw)
        guard !codes.isEmpty else {
            throw MokminError(.invalidInput, ko: "시군구 코드를 하나 이상 입력하세요", en: "Give at least one 시군구 code")
        }
        var cities: [Region] = []
        for code in codes {
            guard case .region(let region)? = registry.lookup(code: code), region.level == .sgg else {
                throw MokminError(
                    .invalidInput, ko: "'\(code)'은(는) 등록된 시군구 코드가 아닙니다", en: "'\(code)' is not the code of a 시군구 in the registry")
            }
            if !cities.contains(where: { $0.code == region.code }) { cities.append(region) }
        }
        guard cities.count <= Self.maxServedCities else {
            throw MokminError(
                .invalidInput, ko: "한 서버는 시군구를 \(Self.maxServedCities)개까지 서비스합니다 (\(cities.count)개 입력)",
                en: "One server serves at most \(Self.maxServedCities) 시군구 (\(cities.count) given)")
        }
        let value = cities.map(\.code).joined(separator: ",")
        try await repositories.settings.set(
            value, for: Self.citySetting, audit: AuditEvent(actor: actor, action: "settings.city", target: value))
        return cities
    }

    /// Puts an account in one of the served cities (it then sees that city's pages), or in none with `nil` (it sees
    /// every served city). The code must be a served city's.
    @discardableResult
    public func setUserCity(login: String, code: String?, actor: String?) async throws -> Region? {
        var city: Region?
        if let code {
            let served = try await servedCities()
            guard case .region(let region)? = registry.lookup(code: code), let match = served.first(where: { $0.code == region.code }) else {
                let list = served.map { "\($0.code) \($0.fullName)" }.joined(separator: ", ")
                throw MokminError(
                    .invalidInput, ko: "'\(code)'은(는) 이 서버가 서비스하는 시군구가 아닙니다 (서비스 중: \(list))",
                    en: "'\(code)' is not a city this server serves (served: \(list))")
            }
            city = match
        }
        try await repositories.users.setCity(
            login: login, city: city?.code,
            audit: AuditEvent(actor: actor, action: "user.city", target: login, detail: city.map { "city=\($0.code)" } ?? "city=all"))
        return city
    }

    /// The 읍면동 of `cities` for a form's choices, by name; with more than one city each is named with its city
    /// (a province's cities share names such as 중앙동).
    public func areaChoices(in cities: [Region]) -> [(code: String, name: String)] {
        let registry = registry
        return cities.flatMap { city in
            registry.children(of: city.code).filter { $0.level == .emd }.map { area in
                (area.code, cities.count > 1 ? "\(city.name) \(area.name)" : area.name)
            }
        }.sorted { $0.name < $1.name }
    }

    /// The codes of a list written with spaces, commas, semicolons or new lines between them.
    static func codes(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }
}
