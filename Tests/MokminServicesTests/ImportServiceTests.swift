import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

@Suite struct ImportServiceTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func file(_ name: String, _ text: String) throws -> URL { try file(name, Array(text.utf8)) }

    static let airCSV = """
        측정소명,행정동코드,측정일시,PM10,경도,위도,비고
        조치원읍,3611025000,2026-07-28 17:00,41,127.2898,36.6011,"쉼표, 포함"
        아름동,36110530,2026-07-28 24:00,-,127.2479,36.5178,
        보람동,3611056000,2026.07.28 18:00,77,127.2905,36.4812,"줄
        바꿈"

        """

    static func importer() async throws -> (ImportService, any DatasetRepository) {
        let (database, regions) = try await Fixtures.seededDatabase()
        let datasets = GRDBDatasetRepository(database)
        return (ImportService(datasets: datasets, regions: regions), datasets)
    }

    static func request(_ url: URL, slug: String = "air", format: SourceFormat = .csv, skip: Bool = false, overrides: [String: ColumnType] = [:])
        -> ImportService.Request
    {
        ImportService.Request(
            file: url, metadata: DatasetMetadata(slug: slug, title: "대기질 측정 정보", visibility: .public), options: ReaderOptions(format: format),
            typeOverrides: overrides, skipBadRows: skip, actor: "analyst1")
    }

    @Test func aCP949FileIsTypedLinkedAndPublished() async throws {
        let (importer, datasets) = try await Self.importer()
        let cp949 = try CP949Encoder().encode(Self.airCSV)
        let outcome = try await importer.run(Self.request(try Self.file("air.csv", cp949)))
        let version = try #require(outcome.version)
        #expect(version.encoding == "cp949" && version.rowCount == 3)
        #expect(version.columns.map(\.type) == [.text, .regionCode, .dateTime, .integer, .longitude, .latitude, .text])
        #expect(version.columns[3].nullCount == 1)  // "-" is a missing value
        let page = try await datasets.rows(of: version, query: RowQuery())
        #expect(page.rows[1][2] == .dateTime("2026-07-29T00:00:00"))  // 24:00 is the next day's 00:00
        #expect(page.rows[0][6] == .text("쉼표, 포함"))
        #expect(page.rows[2][6] == .text("줄\n바꿈"))
        #expect(page.regions == ["3611025000", "3611053000", "3611056000"])  // the 8-digit code found its dong too
        let kept = try JSONDecoder().decode(ImportReport.self, from: Data(version.report.utf8))
        #expect(kept.regionLinked == 3 && kept.published == 3 && kept.rejected == 0)
    }

    @Test func brokenRowsPublishNothingUnlessSkipped() async throws {
        let (importer, datasets) = try await Self.importer()
        let url = try Self.file("broken.csv", "측정소명,PM10\n조치원읍,41\n아름동,12,extra\n보람동\n한솔동,9\n")
        let refused = try await importer.run(Self.request(url, slug: "broken"))
        #expect(refused.version == nil)
        #expect(refused.report.rejected == 2)
        #expect(refused.report.issues.map(\.line) == [3, 4])
        #expect(try await datasets.count() == 0)  // the catalog is as it was
        let skipped = try await importer.run(Self.request(url, slug: "broken", skip: true))
        #expect(skipped.version?.rowCount == 2)
        #expect(skipped.report.issues.count == 2)
    }

    @Test func aCancelledReImportKeepsTheEarlierVersion() async throws {
        let (importer, datasets) = try await Self.importer()
        _ = try await importer.run(Self.request(try Self.file("air.csv", Self.airCSV)))
        let bad = try await importer.run(Self.request(try Self.file("air.csv", "측정소명,PM10\n조치원읍,41,9\n")))
        #expect(bad.version == nil)
        let record = try #require(try await datasets.dataset(slug: "air"))
        #expect(record.latest?.number == 1 && record.latest?.rowCount == 3)
    }

    @Test func reImportingMakesASecondVersionWithItsDiff() async throws {
        let (importer, datasets) = try await Self.importer()
        _ = try await importer.run(Self.request(try Self.file("air.csv", Self.airCSV)))
        let changed = Self.airCSV.replacingOccurrences(of: "77", with: "78")
        let second = try #require(try await importer.run(Self.request(try Self.file("air.csv", changed))).version)
        #expect(second.number == 2 && second.rowsAdded == 1 && second.rowsRemoved == 1)
        let record = try #require(try await datasets.dataset(slug: "air"))
        #expect(try await datasets.versions(datasetID: record.id).count == 2)
    }

    @Test func typeOverridesAreAppliedAndBadValuesNamed() async throws {
        let (importer, _) = try await Self.importer()
        let url = try Self.file("codes.csv", "코드,값\n0101,1\n0202,x\n")
        let text = try #require(try await importer.run(Self.request(url, slug: "codes", skip: true)).version)
        #expect(text.columns.map(\.type) == [.text, .text])
        let forced = try await importer.run(Self.request(url, slug: "codes2", overrides: ["값": .integer]))
        #expect(forced.version == nil)
        #expect(forced.report.issues.first?.line == 3 && forced.report.issues.first?.column == "값")
        await #expect(throws: MokminError.self) { _ = try await importer.run(Self.request(url, slug: "codes3", overrides: ["없는열": .integer])) }
    }

    @Test("A kept first-pass plan is used as it is: publishing reads the file once, to store it")
    func aKeptPlanIsNotReadAgain() async throws {
        let (importer, _) = try await Self.importer()
        let url = try Self.file("kept.csv", "번호,값\n1,10\n2,20\n3,30\n")
        let plan = try await importer.analyze(Self.request(url, slug: "kept"))
        // The file changes under the plan: a second analysis would see other samples and five rows.
        try Data("번호,값\n7,70\n8,80\n9,90\n10,100\n11,110\n".utf8).write(to: url)
        let outcome = try await importer.run(Self.request(url, slug: "kept", overrides: ["값": .decimal]), analyzed: plan)
        #expect(outcome.report.columns.map(\.sampleValues) == [["1", "2", "3"], ["10", "20", "30"]])
        #expect(outcome.version?.rowCount == 5 && outcome.version?.columns.map(\.type) == [.integer, .decimal])
        await #expect(throws: MokminError.self) {
            _ = try await importer.run(Self.request(url, slug: "kept2", overrides: ["없는열": .integer]), analyzed: plan)
        }
    }

    @Test func jsonEnvelopesAndGeoJSONImport() async throws {
        let (importer, datasets) = try await Self.importer()
        let json = """
            {"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL_CODE"}, "body": {"items": [
              {"stationName": "아름동", "pm10Value": "31", "dataTime": "2026-07-28 17:00"},
              {"stationName": "보람동", "pm10Value": "-", "dataTime": "2026-07-28 17:00"}], "totalCount": 2}}}
            """
        let fromJSON = try #require(try await importer.run(Self.request(try Self.file("air.json", json), slug: "air-json", format: .json)).version)
        #expect(fromJSON.columns.map(\.label) == ["stationName", "pm10Value", "dataTime"])
        #expect(fromJSON.columns.map(\.type) == [.text, .integer, .dateTime])
        let geojson = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "세종시청"}, "geometry": {"type": "Point", "coordinates": [127.2890, 36.4800]}},
              {"type": "Feature", "properties": {"name": "바다"}, "geometry": {"type": "Point", "coordinates": [125.0, 36.0]}}]}
            """
        let outcome = try await importer.run(Self.request(try Self.file("places.geojson", geojson), slug: "places", format: .geojson))
        let places = try #require(outcome.version)
        #expect(outcome.report.regionLinked == 1 && outcome.report.regionUnmatched == 1)
        let chunk = try await datasets.rowChunk(of: places, afterRow: 0, limit: 10)
        #expect(chunk.geometries.first??.contains("\"Point\"") == true)
        #expect(chunk.regions.first??.hasPrefix("36110") == true)
    }
}
