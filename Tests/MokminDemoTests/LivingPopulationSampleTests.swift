import Foundation
import MokminCore
import Testing

@testable import MokminDemo
@testable import MokminIngest

@Suite("Living-population sample files")
struct LivingPopulationSampleTests {
    @Test("The generated CP949 file has the 32 Seoul columns and reads back with the expected types")
    func generatedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("LOCAL_PEOPLE_DONG.csv")
        try LivingPopulationSample.writeCSV(to: url, rows: 500, dongCodes: ["11110515", "11110530", "11110540"], encoding: .cp949, seed: 7)
        var reader = try Readers.open(url, options: ReaderOptions(format: .csv))
        #expect(reader.encoding == .cp949)
        #expect(reader.header.count == 32)
        #expect(reader.header.prefix(5) == ["기준일ID", "시간대구분", "행정동코드", "총생활인구수", "남자0세부터9세생활인구수"])
        #expect(reader.header.last == "여자70세이상생활인구수")
        var inference = TypeInference(header: reader.header)
        var rows: [RawRow] = []
        while let row = try reader.next() {
            inference.observe(row)
            rows.append(row)
        }
        #expect(rows.count == 500 && reader.issues.isEmpty)
        #expect(rows[0].fields.prefix(3) == ["20260701", "0", "11110515"])
        #expect(rows[72].fields.prefix(3) == ["20260702", "0", "11110515"])
        let total = Double(rows[0].fields[3]!)!, bands = rows[0].fields[4...].map { Double($0!)! }.reduce(0, +)
        #expect(abs(total - bands) < 0.001)
        let types = inference.result().map(\.type)
        #expect(types.prefix(3) == [.date, .integer, .regionCode])
        #expect(types[3...].allSatisfy { $0 == .decimal })
        let again = folder.appendingPathComponent("again.csv")
        try LivingPopulationSample.writeCSV(to: again, rows: 500, dongCodes: ["11110515", "11110530", "11110540"], encoding: .cp949, seed: 7)
        #expect(try Data(contentsOf: url) == Data(contentsOf: again))
    }
}
