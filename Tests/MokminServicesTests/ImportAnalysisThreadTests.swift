import Foundation
import MokminCore
import MokminDemo
import MokminIngest
import MokminServices
import MokminStore
import Testing

/// Reading a whole file to infer its columns is blocking work: it runs on threads of its own, so that analyses in
/// progress never hold Swift's cooperative threads (as many as the machine has cores) from other requests.
@Suite struct ImportAnalysisThreadTests {
    @Test func analysesInProgressLeaveTheCooperativeThreadsFree() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("living.csv")
        try LivingPopulationSample.writeCSV(to: csv, rows: 5_000, dongCodes: ["36110250", "36110310"], encoding: .utf8, seed: 5)
        let importer = ImportService(
            datasets: GRDBDatasetRepository(try AppDatabase.inMemory()), regions: RegionService(repositories: .grdb(try AppDatabase.inMemory())))
        let request = ImportService.Request(file: csv, metadata: DatasetMetadata(slug: "living", title: "생활인구"), options: ReaderOptions(format: .csv))
        // More analyses than there are cooperative threads, then one more task that needs such a thread: it runs (and
        // sees how many analyses had finished) while they all still read the file.
        let analyses = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        let finished = Shared(0)
        let plans = Shared<[ImportPlan]>([])
        let seenByTheNextTask = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<analyses {
                group.addTask {
                    if let plan = try? await importer.analyze(request) { plans.update { $0.append(plan) } }
                    finished.update { $0 += 1 }
                    return nil
                }
            }
            group.addTask { finished.value }
            return await group.reduce(into: [Int]()) { if let seen = $1 { $0.append(seen) } }.first
        }
        #expect(seenByTheNextTask == 0)
        #expect(finished.value == analyses)
        #expect(plans.value.count == analyses && plans.value.allSatisfy { $0.rowsRead == 5_000 && $0.columns.count == 32 })
    }
}
