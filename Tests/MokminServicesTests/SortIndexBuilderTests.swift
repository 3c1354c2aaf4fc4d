import Foundation
import GRDB
import MokminCore
import MokminServices
import MokminStore
import Testing

/// A sorted query through the catalog service gets its index built in the background.
@Suite struct SortIndexBuilderTests {
    /// Indexes are built for signed-in readers only.
    static let analyst = Principal(userID: 1, login: "analyst1", name: "분석 1", role: .analyst, credential: .apiToken(id: 1, displayOnly: false))

    @Test func theSuggestedIndexIsBuiltOnceInTheBackground() async throws {
        let database = try AppDatabase.inMemory()
        let datasets = GRDBDatasetRepository(database)
        let columns = [
            DatasetColumn(label: "행정동코드", sqlName: "c1", type: .regionCode, nullCount: 0),
            DatasetColumn(label: "인구", sqlName: "c2", type: .integer, nullCount: 0),
        ]
        let version = try await datasets.publish(
            DatasetMetadata(slug: "living", title: "생활인구", visibility: .public),
            version: NewDatasetVersion(fileName: "living.csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: nil),
            audit: AuditEvent(actor: nil, action: "dataset.publish")
        ) { writer in
            for i in 0..<200 { try writer.append([.text("361102\(50 + i % 4)00"), .integer(Int64(i))], line: i + 2, region: nil, geometry: nil) }
            return nil
        }
        let builder = SortIndexBuilder(datasets: datasets)
        let catalog = CatalogService(datasets: datasets, sortIndexes: builder)
        func indexes() async throws -> [String] {
            try await database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_%' ORDER BY name")
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await builder.run() }
            var query = RowQuery(filters: ["행정동코드": "3611025000"], sort: [("인구", true)], limit: 5)
            query.indexSuggestionMinimumRows = 100
            let first = try await catalog.rows(of: version, query: query, for: Self.analyst)
            #expect(first.suggestedIndex != nil)
            _ = try await catalog.rows(of: version, query: query, for: Self.analyst)  // asked twice: built once
            var built: [String] = []
            for _ in 0..<100 where built.isEmpty {
                built = try await indexes()
                if built.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(built == ["\(version.tableName)_by_c1_c2_d"])
            let later = try await catalog.rows(of: version, query: query, for: Self.analyst)
            #expect(later.suggestedIndex == nil && later.rows == first.rows)
            #expect(later.rows.map { $0[1] } == [.integer(196), .integer(192), .integer(188), .integer(184), .integer(180)])
            group.cancelAll()
        }
    }
}
