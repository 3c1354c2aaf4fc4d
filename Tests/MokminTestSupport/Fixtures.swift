import Foundation
import MokminCore
import MokminServices
import MokminStore

/// Shared test fixtures: the bundled boundaries parsed once per test process, and fresh databases per test.
public enum Fixtures {
    /// The bundled registry rows (all 시군구 with derived 시도, Sejong and Hongcheon 읍면동, the crosswalk), parsed once.
    public static func bundledRegistry() async throws -> (regions: [Region], codes: [RegionCodeEntry]) {
        try await cache.value
    }

    private static let cache = Task<(regions: [Region], codes: [RegionCodeEntry]), any Error> {
        let database = try AppDatabase.inMemory()
        let repositories = Repositories.grdb(database)
        _ = try await RegionService(repositories: repositories).seedBundledIfEmpty()
        return (try await repositories.regions.all(), try await repositories.regions.codeEntries())
    }

    /// A fresh in-memory database holding the bundled registry, and the services over it.
    public static func seededDatabase() async throws -> (AppDatabase, RegionService) {
        let database = try AppDatabase.inMemory()
        let repositories = Repositories.grdb(database)
        let service = RegionService(repositories: repositories)
        let (regions, codes) = try await bundledRegistry()
        try await repositories.regions.replaceCodes(codes, audit: AuditEvent(actor: nil, action: "test.seed"))
        try await repositories.regions.upsert(regions, source: "fixture", audit: AuditEvent(actor: nil, action: "test.seed"))
        try await service.reload()
        return (database, service)
    }

    /// A file under the package's `Sources/MokminServices/Resources/korea/`.
    public static func bundledFile(_ name: String) throws -> Data {
        let url = packageRoot.appendingPathComponent("Sources/MokminServices/Resources/korea").appendingPathComponent(name)
        return try Data(contentsOf: url)
    }

    /// The package's root folder, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
