import Foundation
import GRDB
import MokminCore
import MokminStore
import Testing

/// Sorted row queries on large versions suggest an index; once built, the same query reads rows in index order.
@Suite struct SortIndexTests {
    static let columns = [
        DatasetColumn(label: "행정동코드", sqlName: "c1", type: .regionCode, nullCount: 0),
        DatasetColumn(label: "총생활인구수", sqlName: "c2", type: .decimal, nullCount: 0),
    ]

    static func publish(_ repo: GRDBDatasetRepository, rows: Int) async throws -> DatasetVersion {
        try await repo.publish(
            DatasetMetadata(slug: "living", title: "생활인구", visibility: .public),
            version: NewDatasetVersion(fileName: "living.csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: nil),
            audit: AuditEvent(actor: nil, action: "dataset.publish")
        ) { writer in
            for i in 0..<rows {
                try writer.append(
                    [.text(i % 2 == 0 ? "3611025000" : "3611031000"), .decimal(Double((i * 37) % 101))], line: i + 2, region: nil, geometry: nil)
            }
            return nil
        }
    }

    static func plan(_ database: AppDatabase, _ version: DatasetVersion) async throws -> String {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT * FROM \(version.tableName) WHERE c1 = '3611025000' ORDER BY c2 DESC, _row LIMIT 10"
            ).map { $0["detail"] as String }.joined(separator: "; ")
        }
    }

    @Test func aSortedFilteredQuerySuggestsAnIndexThatThenServesIt() async throws {
        let database = try AppDatabase.inMemory()
        let repo = GRDBDatasetRepository(database)
        let version = try await Self.publish(repo, rows: 300)
        var query = RowQuery(filters: ["행정동코드": "3611025000"], sort: [("총생활인구수", true)], limit: 10)
        query.indexSuggestionMinimumRows = 100
        let before = try await repo.rows(of: version, query: query)
        let index = try #require(before.suggestedIndex)
        #expect(index.name == "\(version.tableName)_by_c1_c2_d")
        #expect(try await Self.plan(database, version).contains("TEMP B-TREE"))

        #expect(try await repo.createSortIndex(index, limit: 8))
        #expect(try await repo.createSortIndex(index, limit: 8) == false)  // already there
        let after = try await repo.rows(of: version, query: query)
        #expect(after.suggestedIndex == nil)
        #expect(after.rows == before.rows && after.total == 150)
        #expect(after.rows.first?[1] == .decimal(100))
        let plan = try await Self.plan(database, version)
        #expect(plan.contains(index.name) && !plan.contains("TEMP B-TREE"))
    }

    @Test func smallVersionsTextSearchesAndUnsortedQueriesSuggestNothing() async throws {
        let repo = GRDBDatasetRepository(try AppDatabase.inMemory())
        let version = try await Self.publish(repo, rows: 50)
        var sorted = RowQuery(sort: [("총생활인구수", false)])
        #expect(try await repo.rows(of: version, query: sorted).suggestedIndex == nil)  // 50 rows < 20,000
        sorted.indexSuggestionMinimumRows = 10
        #expect(try await repo.rows(of: version, query: sorted).suggestedIndex?.name == "\(version.tableName)_by_c2")
        var search = sorted
        search.text = "361"
        #expect(try await repo.rows(of: version, query: search).suggestedIndex == nil)
        var unsorted = RowQuery(filters: ["행정동코드": "3611025000"])
        unsorted.indexSuggestionMinimumRows = 10
        #expect(try await repo.rows(of: version, query: unsorted).suggestedIndex == nil)
    }

    @Test func aTableGetsAtMostTheLimitOfSortIndexes() async throws {
        let repo = GRDBDatasetRepository(try AppDatabase.inMemory())
        let version = try await Self.publish(repo, rows: 20)
        let first = SortIndex(tableName: version.tableName, columns: [("c2", false)])
        let second = SortIndex(tableName: version.tableName, columns: [("c2", true)])
        #expect(try await repo.createSortIndex(first, limit: 1))
        #expect(try await repo.createSortIndex(second, limit: 1) == false)
        let gone = SortIndex(tableName: "ds_999_v1", columns: [("c2", false)])
        #expect(try await repo.createSortIndex(gone, limit: 8) == false)
    }
}
