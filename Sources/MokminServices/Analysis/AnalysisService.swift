import Foundation
import Logging
import MokminAnalysis
import MokminBase
import MokminCore
import MokminStore

/// The spatial analyses: EV-charger siting, earthquake-shelter adequacy and siting, and living population. A request
/// checks the parameters and saves a queued run; ``AnalysisRunner`` executes it off the request path with a time limit;
/// the result is saved with the status `done` in one statement, so a saved run is never half-written.
public struct AnalysisService: Sendable {
    let runs: any AnalysisRunRepository
    let datasets: any DatasetRepository
    public let regions: RegionService
    let logger: Logger

    public init(runs: any AnalysisRunRepository, datasets: any DatasetRepository, regions: RegionService, logger: Logger = Logger(label: "mokmin.analyses")) {
        self.runs = runs
        self.datasets = datasets
        self.regions = regions
        self.logger = logger
    }

    // MARK: Starting runs

    public func queueEVSiting(_ p: EVSitingParameters, title: String?, actor: String?) async throws -> AnalysisRun {
        try p.check()
        for slug in [p.population, p.chargers, p.candidates] { try await requireDataset(slug) }
        return try await queue(.evSiting, title: title ?? "전기차 충전소 입지 (p=\(p.p), \(Int(p.radiusMetres)) m)", parameters: p, actor: actor)
    }

    public func queueShelter(_ p: ShelterParameters, title: String?, actor: String?) async throws -> AnalysisRun {
        try p.check()
        for slug in [p.population, p.shelters] + (p.candidates.map { [$0] } ?? []) where !slug.isEmpty { try await requireDataset(slug) }
        return try await queue(.shelter, title: title ?? "지진 옥외대피소 (도보 \(Int(p.walkMetres)) m)", parameters: p, actor: actor)
    }

    public func queueLivingPopulation(_ p: LivingPopulationParameters, title: String?, actor: String?) async throws -> AnalysisRun {
        try await requireDataset(p.dataset)
        return try await queue(.livingPopulation, title: title ?? "생활인구 분석 (\(p.dataset))", parameters: p, actor: actor)
    }

    private func queue<P: Encodable>(_ kind: AnalysisRun.Kind, title: String, parameters: P, actor: String?) async throws -> AnalysisRun {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw MokminError(.invalidInput, ko: "제목은 1~200자입니다", en: "A title has 1–200 characters")
        }
        return try await runs.create(
            kind: kind, title: trimmed, parameters: try Self.encode(parameters), audit: AuditEvent(actor: actor, action: "analysis.queue"))
    }

    private func requireDataset(_ slug: String) async throws {
        guard !slug.isEmpty, try await datasets.dataset(slug: slug)?.latest != nil else {
            throw MokminError(.notFound, ko: "데이터셋이 없습니다: \(slug)", en: "No such dataset: \(slug)")
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(T.self, from: Data(text.utf8))
    }

    // MARK: People

    public func cancel(_ id: Int64, actor: String?) async throws -> Bool {
        try await runs.cancel(id: id, at: Date(), audit: AuditEvent(actor: actor, action: "analysis.cancel"))
    }

    public func share(_ id: Int64, shared: Bool, actor: String?) async throws {
        try await runs.setShared(id: id, shared: shared, audit: AuditEvent(actor: actor, action: shared ? "analysis.share" : "analysis.unshare"))
    }

    /// Whether `principal` sees every run (analysts and admins, not a display token); others see shared runs only.
    public static func seesAllRuns(_ principal: Principal?) -> Bool {
        guard let principal, !principal.isDisplayOnly else { return false }
        return principal.role >= .analyst
    }

    /// The newest runs `principal` may open (officials: shared ones only).
    public func runs(for principal: Principal?, limit: Int = 100) async throws -> [AnalysisRun] {
        try await runs.list(sharedOnly: !Self.seesAllRuns(principal), limit: limit)
    }

    /// The run, if `principal` may open it; a run they may not see answers exactly like a missing one.
    public func run(id: Int64, for principal: Principal?) async throws -> AnalysisRun {
        guard let run = try await runs.run(id: id), run.shared || Self.seesAllRuns(principal) else {
            throw MokminError(.notFound, ko: "없는 분석입니다: \(id)", en: "No such analysis run: \(id)")
        }
        return run
    }
}
