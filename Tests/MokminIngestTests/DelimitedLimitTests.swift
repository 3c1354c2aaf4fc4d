import Foundation
import Testing

@testable import MokminIngest

@Suite("CSV and TSV bounds")
struct DelimitedLimitTests {
    private func header(_ count: Int, separator: String = ",") -> String {
        (1...count).map { "열\($0)" }.joined(separator: separator) + "\n" + (1...count).map(String.init).joined(separator: separator) + "\n"
    }

    @Test("A header past the store's columns is refused at line 1 with the count, in CSV and TSV; the largest that fits reads")
    func columns() throws {
        let error = readError { _ = try readCSV(header(3_000)) }
        #expect(error?.code == .tooManyColumns)
        #expect(error?.line == 1)
        #expect(
            error?.message.en
                == "data.csv line 1: has 3,000 columns; a dataset holds at most 1,996 (SQLite's 2,000 columns per table, less 4 internal ones)")
        #expect(error?.message.ko.hasPrefix("data.csv 1번째 줄: 열이 3,000개입니다. 데이터셋에는 열을 1,996개까지 담을 수 있습니다") == true)
        let tsv = readError { _ = try readCSV(header(3_000, separator: "\t"), format: .tsv) }
        #expect(tsv?.code == .tooManyColumns)
        #expect(readError { _ = try readCSV(header(ReaderLimits.maxColumns + 1)) }?.code == .tooManyColumns)
        let fits = try readCSV(header(ReaderLimits.maxColumns))
        #expect(fits.header.count == 1_996)
        #expect(fits.rows.count == 1)
    }

    @Test("A record of a million fields is counted exactly, but only the fields a dataset could hold are kept")
    func manyFields() throws {
        var scanner = CSVScanner(delimiter: UInt8(ascii: ","), maxRecordBytes: 4 * 1024 * 1024, maxFields: ReaderLimits.maxColumns + 1)
        try scanner.append(Array(("a,b\n" + String(repeating: ",", count: 1_000_000) + "\n").utf8))
        _ = scanner.nextRecord(atEnd: true)
        let second = scanner.nextRecord(atEnd: true)
        let record = try #require(second)
        #expect(record.fieldCount == 1_000_001)
        #expect(record.fields.count == 1_997)
        let result = try readCSV("a,b\n" + String(repeating: ",", count: 100_000) + "\n1,2\n")
        #expect(result.values == [["1", "2"]])
        #expect(result.issues.first?.reason.en == "has 100001 fields, the header has 2")
    }

    @Test("A wide header of repeated and blank names gets unique names, with a bounded number of look-ups per name")
    func duplicateHeader() throws {
        var names = Array(repeating: "값", count: 1_000) + Array(repeating: "", count: 300) + ["값 (5)", "값 (2) (2)"]
        names += Array(repeating: "값 (2)", count: 3)
        let text = names.joined(separator: ",") + "\n" + Array(repeating: "1", count: names.count).joined(separator: ",") + "\n"
        let header = try readCSV(text).header
        #expect(header.count == names.count)
        #expect(Set(header).count == names.count)
        #expect(header[0] == "값" && header[1] == "값 (2)" && header[999] == "값 (1000)")
        #expect(header[1_000] == "column_1001" && header[1_299] == "column_1300")
        #expect(header[1_300] == "값 (5) (2)")
        #expect(header[1_301] == "값 (2) (2)")
        #expect(Array(header[1_302...]) == ["값 (2) (3)", "값 (2) (4)", "값 (2) (5)"])

        let repeated = Array(repeating: "열", count: 5_000)
        var probes = 0
        let unique = HeaderNames.normalize(repeated, probes: &probes)
        #expect(unique.last == "열 (5000)")
        #expect(probes <= 3 * repeated.count)
        var skipped = 0
        let preTaken = (2...2_001).map { "열 (\($0))" } + Array(repeating: "열", count: 2_001)
        _ = HeaderNames.normalize(preTaken, probes: &skipped)
        #expect(skipped <= 3 * preTaken.count)
    }
}
