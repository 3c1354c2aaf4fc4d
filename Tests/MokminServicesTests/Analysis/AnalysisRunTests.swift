import Foundation
import MokminAnalysis
import MokminBase
import MokminCore
import MokminDemo
import MokminIngest
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// The three analyses run end to end on the demo's synthetic Sejong inputs, through the runner the server uses.
@Suite(.serialized) struct AnalysisRunTests {
    struct Kit {
        let repositories: Repositories
        let analyses: AnalysisService
        let runner: AnalysisRunner
        let importer: ImportService
    }

    static func kit(days: Int = 7) async throws -> Kit {
        let (database, regions) = try await Fixtures.seededDatabase()
        let repositories = Repositories.grdb(database)
        let importer = ImportService(datasets: repositories.datasets, regions: regions)
        try await AnalysisDemo(importer: importer, catalog: CatalogService(datasets: repositories.datasets, sortIndexes: SortIndexBuilder(datasets: repositories.datasets))).installIfNeeded(days: days)
        let analyses = AnalysisService(runs: repositories.analyses, datasets: repositories.datasets, regions: regions)
        return Kit(repositories: repositories, analyses: analyses, runner: AnalysisRunner(analyses: analyses), importer: importer)
    }

    static func finished(_ kit: Kit, _ run: AnalysisRun) async throws -> AnalysisRun {
        await kit.runner.submit(run.id)
        await kit.runner.drain()
        return try #require(try await kit.repositories.analyses.run(id: run.id))
    }

    @Test func evChargerSitingAddsCoverageWithAProvenGap() async throws {
        let kit = try await Self.kit()
        let queued = try await kit.analyses.queueEVSiting(
            EVSitingParameters(
                population: AnalysisDemo.livingPopulation, chargers: AnalysisDemo.chargers, candidates: AnalysisDemo.parkingLots, radiusMetres: 500, p: 5),
            title: nil, actor: "analyst")
        #expect(queued.status == .queued)
        let run = try await Self.finished(kit, queued)
        #expect(run.status == .done, "\(run.error ?? "")")
        let outcome = try AnalysisService.decode(EVSitingOutcome.self, try #require(run.result))
        #expect(outcome.result.chosen.count == 5)
        #expect(outcome.result.coveredAfter > outcome.result.coveredBefore && outcome.result.coveredAfter <= outcome.result.totalDemand + 1e-6)
        #expect(outcome.result.gap >= 0 && outcome.result.bound >= outcome.result.coveredAfter - 1e-6)
        #expect(outcome.existing.count == 26 && outcome.candidateCount == 200 && outcome.unmatchedCodes.isEmpty)
        let areaTotal = outcome.result.areas.map(\.coveredAfter).reduce(0, +)
        #expect(abs(areaTotal - outcome.result.coveredAfter) < 1e-6 * max(1, areaTotal), "the per-읍면동 table adds up")
        #expect(outcome.versions[AnalysisDemo.chargers] == 1)
    }

    @Test func shelterAdequacyFindsTheShortAreasAndSitingServesMore() async throws {
        let kit = try await Self.kit()
        let run = try await Self.finished(
            kit,
            try await kit.analyses.queueShelter(
                ShelterParameters(population: AnalysisDemo.livingPopulation, shelters: AnalysisDemo.shelters, candidates: AnalysisDemo.parkingLots, k: 3),
                title: nil, actor: "analyst"))
        #expect(run.status == .done, "\(run.error ?? "")")
        let outcome = try AnalysisService.decode(ShelterOutcome.self, try #require(run.result))
        #expect(outcome.adequacy.totalPopulation > 100_000)
        #expect(outcome.adequacy.unreachedPopulation + outcome.adequacy.overloadedPopulation > 0, "the synthetic city has gaps on purpose")
        let siting = try #require(outcome.siting)
        #expect(siting.chosen.count == 3 && siting.servedAfter > siting.servedBefore)
    }

    @Test func livingPopulationAggregatesEveryArea() async throws {
        let kit = try await Self.kit()
        let run = try await Self.finished(
            kit, try await kit.analyses.queueLivingPopulation(LivingPopulationParameters(dataset: AnalysisDemo.livingPopulation), title: nil, actor: nil))
        #expect(run.status == .done, "\(run.error ?? "")")
        let outcome = try AnalysisService.decode(LivingPopulationOutcome.self, try #require(run.result))
        #expect(outcome.areas.count == 20 && outcome.choropleth.count == 25 && outcome.records == 20 * 24 * 7)
        #expect(outcome.firstDay == "2026-06-01" && outcome.lastDay == "2026-06-07")
        let dodam = try #require(outcome.areas.first { $0.name == "도담동" })
        #expect((dodam.dayNightRatio ?? 0) > 1, "the government complex fills by day")
        #expect(outcome.areas.allSatisfy { $0.regionCode != nil })
    }

    @Test func badInputIsRefusedWithTheProblemNamed() async throws {
        let kit = try await Self.kit(days: 1)
        let zero = await #expect(throws: MokminError.self) {
            try await kit.analyses.queueEVSiting(
                EVSitingParameters(population: AnalysisDemo.livingPopulation, chargers: AnalysisDemo.chargers, candidates: AnalysisDemo.parkingLots, radiusMetres: 0),
                title: nil, actor: nil)
        }
        #expect(zero?.message.en.contains("radius") == true)

        // A population file whose codes match no region.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-an-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = LivingPopulationSample.header.joined(separator: ",")
        let row = ["20260601", "3", "99999999", "28"] + Array(repeating: "1", count: 28)
        try Data((header + "\n" + row.joined(separator: ",") + "\n").utf8).write(to: folder.appendingPathComponent("nowhere.csv"))
        _ = try await kit.importer.run(
            ImportService.Request(
                file: folder.appendingPathComponent("nowhere.csv"), metadata: DatasetMetadata(slug: "nowhere", title: "nowhere"), options: ReaderOptions(format: .csv)))
        let nowhere = try await Self.finished(
            kit, try await kit.analyses.queueLivingPopulation(LivingPopulationParameters(dataset: "nowhere"), title: nil, actor: nil))
        #expect(nowhere.status == .failed && nowhere.result == nil)
        #expect(nowhere.error?.contains("99999999") == true && nowhere.error?.contains("matches a registered") == true, "\(nowhere.error ?? "")")

        // A shelter file without a capacity column.
        let shelters = "VT_ACMDFCLTY_NM,LA,LO\n세종초등학교,36.48,127.29\n"
        try Data(shelters.utf8).write(to: folder.appendingPathComponent("shelters.csv"))
        _ = try await kit.importer.run(
            ImportService.Request(
                file: folder.appendingPathComponent("shelters.csv"), metadata: DatasetMetadata(slug: "no-capacity", title: "x"),
                options: ReaderOptions(format: .csv)))
        let noCapacity = try await Self.finished(
            kit,
            try await kit.analyses.queueShelter(
                ShelterParameters(population: AnalysisDemo.livingPopulation, shelters: "no-capacity"), title: nil, actor: nil))
        #expect(noCapacity.status == .failed && noCapacity.error?.contains("VT_ACMD_PSBL_NMPR") == true, "\(noCapacity.error ?? "")")

        // A cancelled run never receives a result.
        let queued = try await kit.analyses.queueLivingPopulation(LivingPopulationParameters(dataset: AnalysisDemo.livingPopulation), title: nil, actor: nil)
        #expect(try await kit.analyses.cancel(queued.id, actor: "analyst"))
        let cancelled = try await Self.finished(kit, queued)
        #expect(cancelled.status == .cancelled && cancelled.result == nil)
    }
}
