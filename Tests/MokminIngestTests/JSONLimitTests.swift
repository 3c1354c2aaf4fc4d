import Foundation
import Testing

@testable import MokminIngest

@Suite("JSON and GeoJSON bounds")
struct JSONLimitTests {
    /// A file of `size` bytes that takes no disk: the reader must refuse it by its size, before reading a byte.
    private func sparse(_ scratch: Scratch, _ name: String, size: UInt64) throws -> URL {
        let url = try scratch.file(name, text: "[")
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: size)
        try handle.close()
        return url
    }

    @Test("A JSON or GeoJSON file past the size bound is refused before it is read, with the bound and a way out")
    func hugeFile() throws {
        let scratch = try Scratch()
        let size = UInt64(ReaderLimits.standard.maxJSONBytes) + 1
        let error = readError { _ = try readAll(try sparse(scratch, "huge.json", size: size), ReaderOptions(format: .json)) }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en == "the JSON file is larger than 256 MB (268,435,457 bytes); JSON is read whole, so send a large dataset as CSV")
        #expect(error?.message.ko.hasPrefix("huge.json: JSON 파일이 256 MB를 넘습니다") == true)
        let geo = readError { _ = try readAll(try sparse(scratch, "huge.geojson", size: size), ReaderOptions(format: .geojson)) }
        #expect(geo?.code == .tooLarge)
    }

    @Test("A generated JSON past a lowered bound is refused; the same file under it reads")
    func generatedFile() throws {
        let scratch = try Scratch()
        let records = (0..<20_000).map { #"{"번호":\#($0),"이름":"시설\#($0)"}"# }
        let url = try scratch.file("records.json", text: "[" + records.joined(separator: ",") + "]")
        var options = ReaderOptions(format: .json)
        #expect(try readAll(url, options).rows.count == 20_000)
        options.limits.maxJSONBytes = 256 * 1024
        let error = readError { _ = try readAll(url, options) }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en.hasPrefix("the JSON file is larger than 256 KB") == true)
    }

    /// What a reading on its own thread gave.
    private final class Outcome: @unchecked Sendable {
        var text: String?
    }

    @Test("The deepest document allowed parses, prints and is freed on a 512 KB thread stack; one level more is refused")
    func nesting() throws {
        let inner = OrderedJSONParser.maxDepth - 2
        let nested = String(repeating: "[", count: inner) + "1" + String(repeating: "]", count: inner)
        let document = #"[{"a":\#(nested)}]"#
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            if let root = try? OrderedJSONParser.parse(Array(document.utf8)), case .array(let records) = root {
                outcome.text = records.first?["a"]?.fieldText
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(outcome.text == nested)
        let scratch = try Scratch()
        let error = readError { _ = try readAll(try scratch.file("deep.json", text: "[" + document + "]"), ReaderOptions(format: .json)) }
        #expect(error?.code == .malformed)
        #expect(error?.detail.en.contains("nesting of at most 64 levels") == true)
    }

    private func object(keys: Range<Int>) -> String {
        "{" + keys.map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
    }

    @Test("More keys than a dataset has columns stop the reading at the record that brought them, with the count")
    func columns() throws {
        let scratch = try Scratch()
        let wide = try scratch.file("wide.json", text: "[" + object(keys: 0..<3_000) + "]")
        let error = readError { _ = try readAll(wide, ReaderOptions(format: .json)) }
        #expect(error?.code == .tooManyColumns)
        #expect(error?.line == 1)
        #expect(error?.detail.en.hasPrefix("has 3,000 columns; a dataset holds at most 1,996") == true)
        let union = try scratch.file("union.json", text: "[" + object(keys: 0..<1_500) + "," + object(keys: 1_500..<3_000) + "]")
        let unionError = readError { _ = try readAll(union, ReaderOptions(format: .json)) }
        #expect(unionError?.line == 2)
        #expect(unionError?.code == .tooManyColumns)
        let fits = try scratch.file("fits.json", text: "[" + object(keys: 0..<ReaderLimits.maxColumns) + "]")
        #expect(try readAll(fits, ReaderOptions(format: .json)).header.count == 1_996)
        let features = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":\#(object(keys: 0..<3_000)),"geometry":null}]}"#
        let geo = readError { _ = try readAll(try scratch.file("wide.geojson", text: features), ReaderOptions(format: .geojson)) }
        #expect(geo?.code == .tooManyColumns)
        #expect(geo?.line == 1)
    }

    @Test("A record longer than the record bound is an issue at its position; the others are read")
    func longRecord() throws {
        let scratch = try Scratch()
        let long = String(repeating: "가", count: 1_000)
        let url = try scratch.file("long.json", text: #"[{"a":"1"},{"a":"\#(long)"},{"a":"3"}]"#)
        var options = ReaderOptions(format: .json)
        options.limits.maxRecordBytes = 1024
        let result = try readAll(url, options)
        #expect(result.values == [["1"], ["3"]])
        #expect(result.issues.map(\.line) == [2])
        #expect(result.issues.first?.reason.en == "the record's values come to more than 1 KB")
        let geo = try scratch.file(
            "long.geojson",
            text: #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"\#(long)"},"geometry":null},"#
                + #"{"type":"Feature","properties":{"a":"2"},"geometry":null}]}"#)
        options.format = .geojson
        let geoResult = try readAll(geo, options)
        #expect(geoResult.values == [["2"]])
        #expect(geoResult.issues.map(\.line) == [1])
    }
}
