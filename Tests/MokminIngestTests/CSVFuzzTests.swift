import Foundation
import Testing

@testable import MokminIngest

/// Seeded random and mangled CSV inputs: the reader must never crash or hang, must read every well-formed table
/// back exactly, and must put a line number on every problem.
@Suite("CSV fuzzing", .timeLimit(.minutes(1)))
struct CSVFuzzTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    /// A table serialised as CSV, with the line on which each record starts.
    struct Table {
        var rows: [[String]]
        var text = ""
        var startLines: [Int] = []
    }

    static let pieces = ["a", "b", "1", "23", "서울", "종로구", " ", ",", "\"", "\n", "\r\n", "x y", "-", "", "é"]

    static func table(_ r: inout Random) -> Table {
        let width = r.int(1...5)
        let rows = (0...r.int(1...10)).map { _ in (0..<width).map { _ in (0..<r.int(0...3)).map { _ in r.pick(pieces) }.joined() } }
        var table = Table(rows: rows)
        let ending = r.pick(["\n", "\r\n", "\r"])
        var line = 1
        for row in rows {
            table.startLines.append(line)
            let fields = row.map { field -> String in
                let special = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                guard special || (width == 1 && field.isEmpty) || r.chance(10) else { return field }
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let record = fields.joined(separator: ",")
            line +=
                record.components(separatedBy: "\r\n").map { $0.filter { $0 == "\n" || $0 == "\r" }.count }.reduce(0, +)
                + record.components(separatedBy: "\r\n").count - 1 + 1
            table.text += record + ending
        }
        return table
    }

    static func read(_ bytes: [UInt8], encoding: TextEncoding?, chunkSize: Int, in scratch: Scratch, _ index: Int) -> Result<ReadResult, ReadError> {
        var options = ReaderOptions(format: .csv, encoding: encoding)
        options.chunkSize = chunkSize
        options.limits.maxRecordBytes = 4096
        do {
            let url = try scratch.file("case\(index % 50).csv", bytes: bytes)
            return .success(try readAll(url, options))
        } catch let error as ReadError {
            return .failure(error)
        } catch {
            Issue.record("case \(index): unexpected error \(error)")
            return .failure(ReadError(.unreadable, file: "", ko: "", en: ""))
        }
    }

    @Test("Well-formed tables in every encoding, line ending and chunk size read back exactly")
    func roundTrip() throws {
        let scratch = try Scratch()
        var r = Random(state: 0x5EED_0001)
        for index in 0..<1_000 {
            let table = Self.table(&r)
            let cp949 = r.chance(30)
            var bytes = cp949 ? try CP949Encoder.encode(table.text.replacingOccurrences(of: "é", with: "e")) : Array(table.text.utf8)
            if !cp949 && r.chance(30) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            let expected = table.rows.dropFirst().map { $0.map { cp949 ? $0.replacingOccurrences(of: "é", with: "e") : $0 } }
            switch Self.read(bytes, encoding: r.chance(50) ? nil : (cp949 ? .cp949 : .utf8), chunkSize: r.int(1...40), in: scratch, index) {
            case .success(let result):
                #expect(result.values.map { $0.map { $0 ?? "<nil>" } } == Array(expected), "case \(index): \(table.text.debugDescription)")
                #expect(result.lines == Array(table.startLines.dropFirst()), "case \(index)")
                #expect(result.issues.isEmpty, "case \(index)")
            case .failure(let error):
                Issue.record("case \(index): \(error) for \(table.text.debugDescription)")
            }
        }
    }

    @Test("Inputs broken on purpose get an issue or an error at the broken record's line")
    func brokenOnPurpose() throws {
        let scratch = try Scratch()
        var r = Random(state: 0x5EED_0002)
        for index in 0..<1_000 {
            let rows = Self.table(&r).rows.map { $0.map { $0.replacingOccurrences(of: "é", with: "e") } }
            guard rows.count >= 2 else { continue }
            var records = rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
            let k = r.int(1...(records.count - 1))
            let before = records[..<k].map { $0 + "\n" }.joined()
            let line = 1 + before.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
            let mode = r.int(0...3)
            var bytes: [UInt8]
            var encoding: TextEncoding?
            switch mode {
            case 0:
                records[k] += ",\"extra\""
                bytes = Array(records.map { $0 + "\n" }.joined().utf8)
            case 1:
                records = Array(records[...k])
                records[k] += ",\"open"
                bytes = Array(records.map { $0 + "\n" }.joined().utf8)
            case 2:
                bytes = Array(before.utf8) + [0xFF] + Array(records[k...].map { $0 + "\n" }.joined().utf8)
                encoding = r.chance(50) ? .utf8 : nil
            default:
                bytes = try CP949Encoder.encode(before) + [0xFF] + CP949Encoder.encode(records[k...].map { $0 + "\n" }.joined())
                encoding = .cp949
            }
            switch Self.read(bytes, encoding: encoding, chunkSize: r.int(1...40), in: scratch, index) {
            case .success(let result):
                #expect(mode < 2, "case \(index) mode \(mode): no error")
                #expect(result.issues.map(\.line) == [line], "case \(index) mode \(mode): issues \(result.issues.map(\.line)), expected \(line)")
            case .failure(let error):
                #expect(mode >= 2 && error.code == .invalidEncoding, "case \(index) mode \(mode): \(error)")
                #expect(
                    error.line == line,
                    "case \(index) mode \(mode): line \(String(describing: error.line)), expected \(line) \(String(decoding: bytes, as: UTF8.self).debugDescription)"
                )
            }
        }
    }

    @Test("Random bytes, stray quotes, CR/LF mixes and truncated CP949 never crash or hang, and every problem has a line")
    func garbage() throws {
        let scratch = try Scratch()
        var r = Random(state: 0x5EED_0003)
        let alphabet: [[UInt8]] = [
            [0x61], [0x2C], [0x2C], [0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0xBC, 0xAD], [0xBF], [0xEA, 0xB0, 0x80], [0xFF], [0x31],
        ]
        let clock = ContinuousClock()
        for index in 0..<2_000 {
            var bytes: [UInt8] = []
            if r.chance(30) {
                bytes = try CP949Encoder.encode(Self.table(&r).text.replacingOccurrences(of: "é", with: "e"))
                bytes = Array(bytes.prefix(r.int(0...bytes.count)))
            }
            for _ in 0..<r.int(0...120) { bytes += r.pick(alphabet) }
            let lineCount = 1 + bytes.indices.filter { bytes[$0] == 0x0A ? ($0 == 0 || bytes[$0 - 1] != 0x0D) : bytes[$0] == 0x0D }.count
            let started = clock.now
            let outcome = Self.read(bytes, encoding: r.pick([nil, .utf8, .cp949]), chunkSize: r.int(1...64), in: scratch, index)
            #expect(clock.now - started < .seconds(2), "case \(index) took too long")
            switch outcome {
            case .success(let result):
                #expect(result.lines == result.lines.sorted() && Set(result.lines).count == result.lines.count, "case \(index)")
                #expect(result.rows.allSatisfy { $0.fields.count == result.header.count }, "case \(index)")
                #expect(result.issues.allSatisfy { (1...lineCount).contains($0.line) }, "case \(index): \(result.issues)")
            case .failure(let error):
                #expect(error.code == .empty || error.line.map { (1...lineCount).contains($0) } == true, "case \(index): \(error)")
            }
        }
    }
}
