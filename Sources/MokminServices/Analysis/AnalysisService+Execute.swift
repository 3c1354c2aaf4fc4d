import Dispatch
import Foundation
import MokminAnalysis
import MokminBase
import MokminCore
import MokminGeo
import MokminStore

extension AnalysisService {
    /// Runs the work of a run and returns its result as JSON. Heavy computing happens on a queue of its own, so the
    /// server's cooperative threads stay free for requests.
    func execute(_ run: AnalysisRun, progress: @escaping @Sendable (Double, String) async -> Void) async throws -> String {
        switch run.kind {
        case .evSiting: return try Self.encode(try await evSiting(try Self.decode(EVSitingParameters.self, run.parameters), progress: progress))
        case .shelter: return try Self.encode(try await shelter(try Self.decode(ShelterParameters.self, run.parameters), progress: progress))
        case .livingPopulation:
            return try Self.encode(try await livingPopulation(try Self.decode(LivingPopulationParameters.self, run.parameters), progress: progress))
        }
    }

    /// Runs `work` on the analysis queue (never on a cooperative thread).
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    static let queue = DispatchQueue(label: "mokmin.analysis", qos: .utility)

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// Turns the engine's input errors into the domain error people read.
    static func readable(_ error: any Error) -> any Error {
        if let e = error as? SitingInputError { return MokminError(.invalidInput, e.message) }
        return error
    }

    func population(slug: String, hours: ClosedRange<Int>, dayType: LivingPopulationCube.DayType, cellMetres: Double) async throws
        -> (places: [WeightedPlace], unmatched: [String], version: Int)
    {
        let table = try await AnalysisTable.load(slug, purpose: ("생활인구", "living-population"), datasets: datasets)
        let registry = regions.registry
        let (places, unmatched) = try await Self.offPool {
            let cube = try PopulationSource.cube(table)
            let (matched, unmatched) = try PopulationSource.regions(of: cube, registry: registry, slug: slug)
            return (PopulationSource.places(cube: cube, regions: matched, hours: hours, dayType: dayType, cellMetres: cellMetres), unmatched)
        }
        return (places, unmatched, table.version)
    }

    func evSiting(_ p: EVSitingParameters, progress: @escaping @Sendable (Double, String) async -> Void) async throws -> EVSitingOutcome {
        await progress(0.1, "생활인구 읽는 중 / reading the population")
        let demand = try await population(slug: p.population, hours: p.fromHour...p.toHour, dayType: p.dayType, cellMetres: p.cellMetres)
        await progress(0.4, "충전소와 후보지 읽는 중 / reading chargers and candidates")
        let chargerTable = try await AnalysisTable.load(p.chargers, purpose: ("충전소", "chargers"), datasets: datasets)
        let existing = try chargerTable.facilities(id: ["statId", "충전소ID"], name: ["statNm", "충전소명"], purpose: ("충전소", "charger"))
        let candidateTable = try await AnalysisTable.load(p.candidates, purpose: ("후보지", "candidate sites"), datasets: datasets)
        let candidates = try candidateTable.facilities(
            id: ["주차장관리번호", "id", "candidateId"], name: ["주차장명", "name", "이름"], purpose: ("후보지", "candidate"))
        await progress(0.6, "최적화 중 / optimising")
        let result = try await Self.offPool {
            do {
                return try EVChargerSiting.solve(
                    demand: demand.places, existing: existing, candidates: candidates, radiusMetres: p.radiusMetres, p: p.p, timeLimit: p.timeLimit)
            } catch { throw Self.readable(error) }
        }
        return EVSitingOutcome(
            parameters: p, versions: [p.population: demand.version, p.chargers: chargerTable.version, p.candidates: candidateTable.version],
            result: result, existing: existing, candidateCount: candidates.count, demandPlaces: demand.places.count, unmatchedCodes: demand.unmatched)
    }

    func shelter(_ p: ShelterParameters, progress: @escaping @Sendable (Double, String) async -> Void) async throws -> ShelterOutcome {
        await progress(0.1, "야간 인구 읽는 중 / reading the night-time population")
        let people = try await population(slug: p.population, hours: p.fromHour...p.toHour, dayType: .all, cellMetres: p.cellMetres)
        await progress(0.4, "대피소 읽는 중 / reading the shelters")
        let shelterTable = try await AnalysisTable.load(p.shelters, purpose: ("대피소", "shelters"), datasets: datasets)
        let capacityColumn = try shelterTable.require(["VT_ACMD_PSBL_NMPR", "수용인원", "capacity"], purpose: ("수용인원", "capacity"))
        let existing = try shelterTable.facilities(
            id: ["ACMDFCLTY_SN", "id"], name: ["VT_ACMDFCLTY_NM", "시설명", "name"], capacity: { _, row in shelterTable.number(row, capacityColumn) },
            purpose: ("대피소", "shelter"))
        var versions = [p.population: people.version, p.shelters: shelterTable.version]
        var candidates: [Facility] = []
        if let slug = p.candidates, !slug.isEmpty {
            let table = try await AnalysisTable.load(slug, purpose: ("후보지", "candidate sites"), datasets: datasets)
            let unit = try table.require([p.candidateCapacityColumn], purpose: ("후보지 수용 단위", "candidate capacity"))
            candidates = try table.facilities(
                id: ["주차장관리번호", "id"], name: ["주차장명", "name", "이름"], capacity: { _, row in table.number(row, unit).map { $0 * p.peoplePerUnit } },
                purpose: ("후보지", "candidate"))
            versions[slug] = table.version
        }
        await progress(0.6, "수용 능력 계산과 최적화 중 / checking capacity and optimising")
        let sites = candidates
        let (adequacy, siting) = try await Self.offPool {
            do {
                let adequacy = try ShelterAdequacy.evaluate(population: people.places, shelters: existing, walkMetres: p.walkMetres)
                let siting =
                    sites.isEmpty
                    ? nil
                    : try ShelterSiting.solve(
                        population: people.places, existing: existing, candidates: sites, k: min(p.k, sites.count), walkMetres: p.walkMetres,
                        timeLimit: p.timeLimit)
                return (adequacy, siting)
            } catch { throw Self.readable(error) }
        }
        return ShelterOutcome(
            parameters: p, versions: versions, adequacy: adequacy, siting: siting, existing: existing, candidateCount: candidates.count,
            populationPlaces: people.places.count, unmatchedCodes: people.unmatched)
    }

    func livingPopulation(_ p: LivingPopulationParameters, progress: @escaping @Sendable (Double, String) async -> Void) async throws
        -> LivingPopulationOutcome
    {
        await progress(0.1, "생활인구 읽는 중 / reading the living population")
        let clock = ContinuousClock()
        let readStart = clock.now
        let table = try await AnalysisTable.load(p.dataset, purpose: ("생활인구", "living-population"), datasets: datasets)
        let readSeconds = Self.seconds(clock.now - readStart)
        let registry = regions.registry
        await progress(0.5, "집계 중 / aggregating")
        return try await Self.offPool {
            let parseStart = clock.now
            let records = try PopulationSource.records(table)
            let parseSeconds = Self.seconds(clock.now - parseStart)
            let aggregateStart = clock.now
            let cube = LivingPopulationCube(records)
            let (matched, unmatched) = try PopulationSource.regions(of: cube, registry: registry, slug: p.dataset)
            func clean(_ values: [Double]) -> [Double?] { values.map { $0.isFinite ? $0 : nil } }
            let areas = cube.areas.map { code -> LivingPopulationOutcome.Area in
                let pyramid = cube.pyramid(area: code, dayType: p.dayType)
                let profile = cube.hourlyProfile(area: code, dayType: p.dayType)
                let finite = profile.filter(\.isFinite)
                return LivingPopulationOutcome.Area(
                    code: code, regionCode: matched[code]?.code, name: matched[code]?.name ?? code,
                    meanTotal: finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count), profile: clean(profile),
                    weekday: clean(cube.hourlyProfile(area: code, dayType: .weekday)), weekend: clean(cube.hourlyProfile(area: code, dayType: .weekend)),
                    dayNightRatio: cube.dayNightRatio(area: code), peakHour: cube.peakHour(area: code, dayType: p.dayType), pyramidMale: pyramid.male,
                    pyramidFemale: pyramid.female)
            }
            let hours = (0..<24).map { cube.choropleth(hour: $0, dayType: p.dayType) } + [cube.choropleth(hour: nil, dayType: p.dayType)]
            var outcome = LivingPopulationOutcome(
                parameters: p, versions: [p.dataset: table.version], firstDay: LocalTime.isoString(ofDay: cube.firstDay),
                lastDay: LocalTime.isoString(ofDay: cube.lastDay), records: cube.recordCount, areas: areas, choropleth: hours,
                unmatchedCodes: unmatched)
            outcome.readSeconds = readSeconds
            outcome.parseSeconds = parseSeconds
            // Building the cube, every 읍면동's summaries and all 25 choropleths.
            outcome.aggregateSeconds = Self.seconds(clock.now - aggregateStart)
            return outcome
        }
    }
}
