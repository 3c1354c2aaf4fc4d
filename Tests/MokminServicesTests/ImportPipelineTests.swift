import Foundation
import MokminCore
import MokminIngest
import MokminServices
import MokminStore
import Testing

/// Files longer than a batch go through the reading and storing threads; their profile streams in with them.
@Suite struct ImportPipelineTests {
    /// 5,000 rows: a date, a code, a number spread evenly from 0 to 1,249.75, and one of seven names.
    static func fiveThousandRows() -> String {
        var lines = ["기준일ID,행정동코드,인구,이름"]
        for i in 0..<5000 { lines.append("2026070\(i % 9 + 1),3611025000,\(i % 4 == 0 ? String(i / 4) : String(Double(i) / 4)),n\(i % 7)") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aLongFileIsStoredInOrderWithTheProfileOfItsRows() async throws {
        let (importer, datasets) = try await ImportServiceTests.importer()
        let url = try ImportServiceTests.file("living.csv", try CP949Encoder().encode(Self.fiveThousandRows()))
        let version = try #require(try await importer.run(ImportServiceTests.request(url, slug: "living")).version)
        #expect(version.rowCount == 5000)
        #expect(version.columns.map(\.type) == [.date, .regionCode, .decimal, .text])
        let tail = try await datasets.rows(of: version, query: RowQuery(offset: 4998, limit: 10))
        #expect(tail.rows.map { $0[2] } == [.decimal(1249.5), .decimal(1249.75)])  // file order kept across batches
        #expect(tail.total == 5000 && tail.regions == ["3611025000", "3611025000"])

        let number = try #require(version.profile.first { $0.label == "인구" })
        #expect(number.nonNullCount == 5000 && number.distinctCount == 5000 && !number.estimated)
        #expect(number.minimum == "0" && number.maximum == "1249.75" && number.mean == 624.875)
        // Evenly spread values fill the 12 bins almost equally (the last bin also takes the maximum).
        #expect(number.histogram.count == 12 && number.histogram.reduce(0, +) == 5000)
        #expect(number.histogram.allSatisfy { (416...418).contains($0) })
        let names = try #require(version.profile.first { $0.label == "이름" })
        #expect(names.distinctCount == 7)
        #expect(names.topValues.map(\.value) == ["n0", "n1", "n2", "n3", "n4"])
        #expect(names.topValues.map(\.count) == [715, 715, 714, 714, 714])
        let dates = try #require(version.profile.first { $0.label == "기준일ID" })
        #expect(dates.minimum == "2026-07-01" && dates.maximum == "2026-07-09" && dates.distinctCount == 9)
    }

    @Test func aBadByteDeepInTheFileNamesItsLineAndPublishesNothing() async throws {
        let (importer, datasets) = try await ImportServiceTests.importer()
        var bytes = try CP949Encoder().encode(Self.fiveThousandRows())
        // Line 3001 (the 3,000th data row) gets two bytes that are not CP949.
        var newlines = 0
        let at = try #require(
            bytes.firstIndex { byte in
                if byte == 0x0A { newlines += 1 }
                return newlines == 3000
            })
        bytes.insert(contentsOf: [0xFF, 0xFF], at: at + 1)
        let url = try ImportServiceTests.file("living.csv", bytes)
        let error = await #expect(throws: ReadError.self) { try await importer.run(ImportServiceTests.request(url, slug: "living")) }
        #expect(error?.line == 3001)
        #expect(try await datasets.dataset(slug: "living") == nil)
    }

    @Test func aRejectedRowInALaterBatchIsSkippedOnRequest() async throws {
        let (importer, _) = try await ImportServiceTests.importer()
        let url = try ImportServiceTests.file("living.csv", Self.fiveThousandRows())
        // 인구 must then be an integer: the rows with a fraction (three in four) are rejected.
        let refused = try await importer.run(ImportServiceTests.request(url, slug: "living", overrides: ["인구": .integer]))
        #expect(refused.version == nil && refused.report.rejected == 3750 && refused.report.issues.first?.line == 3)
        let kept = try await importer.run(ImportServiceTests.request(url, slug: "living", skip: true, overrides: ["인구": .integer]))
        let version = try #require(kept.version)
        #expect(version.rowCount == 1250)
        let number = try #require(version.profile.first { $0.label == "인구" })
        // The range the first pass saw (0…1,249.75) is not the stored one (0…1,249): the histogram is binned again.
        #expect(number.maximum == "1249" && number.histogram.reduce(0, +) == 1250)
        let width = 1249.0 / 12
        let expected = (0..<1250).reduce(into: Array(repeating: 0, count: 12)) { bins, v in bins[min(11, Int(Double(v) / width))] += 1 }
        #expect(number.histogram == expected && expected.last == 105)  // binned by the first pass's range it would be 104
    }
}
