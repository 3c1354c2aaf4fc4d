import Foundation
import MokminBase
import MokminCore
import MokminStore
import MokminTestSupport
import Testing

/// On both stores (``StoreKind``).
@Suite struct DatasetRepositoryTests {
    static let columns = [
        DatasetColumn(label: "측정소명", sqlName: "c1", type: .text, nullCount: 0),
        DatasetColumn(label: "PM10", sqlName: "c2", type: .integer, nullCount: 1),
        DatasetColumn(label: "측정일", sqlName: "c3", type: .date, nullCount: 0),
        DatasetColumn(label: "정상", sqlName: "c4", type: .boolean, nullCount: 0),
    ]

    static func air(_ slug: String = "air-quality", title: String = "대기질 측정 정보", visibility: Visibility = .public) -> DatasetMetadata {
        DatasetMetadata(
            slug: slug, title: title, description: "세종시 도시대기 측정망의 시간별 측정값", organization: "환경정책과", tags: ["대기", "환경"],
            license: .kogl1, visibility: visibility)
    }

    static func publish(
        _ repo: any DatasetRepository, _ metadata: DatasetMetadata, rows: [[TypedValue]], columns: [DatasetColumn] = columns, format: String = "csv"
    ) async throws -> DatasetVersion {
        try await repo.publish(
            metadata,
            version: NewDatasetVersion(fileName: "air.csv", format: format, encoding: "utf8", columns: columns, report: "{}", createdBy: "analyst1"),
            audit: AuditEvent(actor: "analyst1", action: "dataset.publish")
        ) { writer in
            for (i, row) in rows.enumerated() { try writer.append(row, line: i + 2, region: i % 2 == 0 ? "3611025000" : nil, geometry: nil) }
            return nil
        }
    }

    static let firstRows: [[TypedValue]] = [
        [.text("조치원읍"), .integer(41), .date("2026-07-28"), .boolean(true)],
        [.text("아름동"), .null, .date("2026-07-28"), .boolean(false)],
        [.text("보람동"), .integer(77), .date("2026-07-29"), .boolean(true)],
    ]

    @Test(arguments: StoreKind.available) func publishingTwiceMakesTwoReadableVersionsWithADiff(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let repo = store.datasets
            let v1 = try await Self.publish(repo, Self.air(), rows: Self.firstRows)
            #expect(v1.number == 1 && v1.rowCount == 3 && v1.rowsAdded == nil)
            let pm10 = try #require(v1.profile.first { $0.label == "PM10" })
            #expect(pm10.nonNullCount == 2 && pm10.distinctCount == 2)
            #expect(pm10.minimum == "41" && pm10.maximum == "77" && pm10.mean == 59)
            #expect(pm10.histogram.reduce(0, +) == 2 && pm10.histogram.first == 1 && pm10.histogram.last == 1)
            let dates = try #require(v1.profile.first { $0.label == "측정일" })
            #expect(dates.minimum == "2026-07-28" && dates.maximum == "2026-07-29")
            #expect(dates.topValues.first == ColumnProfile.ValueCount(value: "2026-07-28", count: 2))
            let v2 = try await Self.publish(
                repo, Self.air(),
                rows: [Self.firstRows[0], Self.firstRows[2], [.text("한솔동"), .integer(12), .date("2026-07-29"), .boolean(true)]])
            #expect(v2.number == 2 && v2.rowsAdded == 1 && v2.rowsRemoved == 1)
            let record = try #require(try await repo.dataset(slug: "air-quality"))
            #expect(record.latest?.number == 2)
            #expect(try await repo.versions(datasetID: record.id).map(\.number) == [2, 1])
            let old = try await repo.rows(of: v1, query: RowQuery())
            #expect(old.total == 3)
            #expect(old.rows[1] == [.text("아름동"), .null, .date("2026-07-28"), .boolean(false)])
            #expect(old.regions == ["3611025000", nil, "3611025000"])
        }
    }

    @Test(arguments: StoreKind.available) func aFailedPublishLeavesTheCatalogAsItWas(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let repo = store.datasets
            _ = try await Self.publish(repo, Self.air(), rows: Self.firstRows)
            struct Cancelled: Error {}
            await #expect(throws: Cancelled.self) {
                _ = try await repo.publish(
                    Self.air(title: "바뀐 제목"),
                    version: NewDatasetVersion(
                        fileName: "b.csv", format: "csv", encoding: "utf8", columns: Self.columns, report: "{}", createdBy: nil),
                    audit: AuditEvent(actor: nil, action: "dataset.publish")
                ) { writer in
                    try writer.append(Self.firstRows[0], line: 2, region: nil, geometry: nil)
                    if Bool(true) { throw Cancelled() }
                    return nil
                }
            }
            let record = try #require(try await repo.dataset(slug: "air-quality"))
            #expect(record.metadata.title == "대기질 측정 정보")
            #expect(record.latest?.number == 1)
            #expect(try await store.tables(prefix: "ds_") == ["ds_1_v1"])
        }
    }

    @Test(arguments: StoreKind.available) func badMetadataIsRefusedBeforeAnythingIsWritten(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let repo = store.datasets
            for bad in [
                DatasetMetadata(slug: "Air Quality", title: "x"), DatasetMetadata(slug: "ok-slug", title: "  "),
                DatasetMetadata(slug: "x", title: "t"),
            ] {
                await #expect(throws: MokminError.self) { _ = try await Self.publish(repo, bad, rows: []) }
            }
            #expect(try await repo.count() == 0)
        }
    }

    @Test(arguments: StoreKind.available) func searchFindsTwoSyllableKoreanWordsAndRespectsVisibility(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let repo = store.datasets
            _ = try await Self.publish(repo, Self.air(), rows: Self.firstRows)
            _ = try await Self.publish(
                repo,
                DatasetMetadata(slug: "bus-stops", title: "버스 정류장 위치", organization: "교통과", tags: ["교통"], license: .kogl2, visibility: .public),
                rows: [], columns: [], format: "geojson")
            _ = try await Self.publish(
                repo, DatasetMetadata(slug: "internal-budget", title: "대기 오염 대응 예산", organization: "환경정책과", tags: ["예산"], visibility: .internal),
                rows: [], columns: [])
            let publicHits = try await repo.search(CatalogQuery(text: "대기"))
            #expect(publicHits.results.map(\.metadata.slug) == ["air-quality"])
            let internalHits = try await repo.search(CatalogQuery(text: "대기", includeInternal: true))
            #expect(Set(internalHits.results.map(\.metadata.slug)) == ["air-quality", "internal-budget"])
            #expect(try await repo.search(CatalogQuery(text: "측정소명")).total == 1)  // a column name
            #expect(try await repo.search(CatalogQuery(text: "PM10")).total == 1)  // case-insensitive, column label
            #expect(try await repo.search(CatalogQuery(text: "교통")).results.first?.metadata.slug == "bus-stops")
            #expect(try await repo.search(CatalogQuery(text: "대기 정류장")).total == 0)  // every word must match
            let all = try await repo.search(CatalogQuery(includeInternal: true))
            #expect(all.total == 3)
            #expect(all.facets["organization"]?.first { $0.name == "환경정책과" }?.count == 2)
            #expect(all.facets["license_id"]?.contains { $0.name == "KOGL-2" && $0.count == 1 } == true)
            #expect(try await repo.search(CatalogQuery(organization: "교통과", includeInternal: true)).total == 1)
            #expect(try await repo.search(CatalogQuery(tags: ["환경"], includeInternal: true)).total == 1)
            #expect(try await repo.search(CatalogQuery(format: "geojson")).results.map(\.metadata.slug) == ["bus-stops"])
            let paged = try await repo.search(CatalogQuery(includeInternal: true, sort: .titleAscending, offset: 1, limit: 1))
            #expect(paged.total == 3 && paged.results.count == 1)
        }
    }

    @Test(arguments: StoreKind.available) func rowsFilterSortAndPage(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let repo = store.datasets
            let v = try await Self.publish(repo, Self.air(), rows: Self.firstRows)
            let sorted = try await repo.rows(of: v, query: RowQuery(sort: [("PM10", true)], fields: ["측정소명", "PM10"]))
            #expect(sorted.rows.map { $0[0] } == [.text("보람동"), .text("조치원읍"), .text("아름동")])
            #expect(sorted.columns.map(\.label) == ["측정소명", "PM10"])
            let filtered = try await repo.rows(of: v, query: RowQuery(filters: ["측정일": "2026-07-28", "정상": "true"]))
            #expect(filtered.total == 1 && filtered.rows.first?.first == .text("조치원읍"))
            let text = try await repo.rows(of: v, query: RowQuery(text: "보람"))
            #expect(text.total == 1)
            let page = try await repo.rows(of: v, query: RowQuery(offset: 2, limit: 5))
            #expect(page.rows.count == 1 && page.total == 3)
            await #expect(throws: MokminError.self) { _ = try await repo.rows(of: v, query: RowQuery(filters: ["없는열": "1"])) }
            await #expect(throws: MokminError.self) { _ = try await repo.rows(of: v, query: RowQuery(sort: [("\"; DROP TABLE dataset; --", false)])) }
        }
    }
}
