import Foundation
import Testing

@testable import MokminIngest

/// A fresh temporary folder per test, removed when the value goes away.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func file(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func file(_ name: String, text: String) throws -> URL {
        try file(name, bytes: Array(text.utf8))
    }
}

/// Everything a reader gives: header, rows, issues and the encoding used.
struct ReadResult {
    var header: [String]
    var rows: [RawRow]
    var issues: [RowIssue]
    var encoding: TextEncoding

    var values: [[String?]] { rows.map(\.fields) }
    var lines: [Int] { rows.map(\.line) }
}

func readAll(_ url: URL, _ options: ReaderOptions) throws -> ReadResult {
    var reader = try Readers.open(url, options: options)
    var rows: [RawRow] = []
    while let row = try reader.next() { rows.append(row) }
    return ReadResult(header: reader.header, rows: rows, issues: reader.issues, encoding: reader.encoding)
}

func readCSV(_ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int = 64 * 1024, format: SourceFormat = .csv) throws -> ReadResult {
    let scratch = try Scratch()
    var options = ReaderOptions(format: format, encoding: encoding)
    options.chunkSize = chunkSize
    return try readAll(try scratch.file("data.csv", bytes: bytes), options)
}

func readCSV(_ text: String, encoding: TextEncoding? = nil, chunkSize: Int = 64 * 1024, format: SourceFormat = .csv) throws -> ReadResult {
    try readCSV(Array(text.utf8), encoding: encoding, chunkSize: chunkSize, format: format)
}

/// The error a read throws, or nil when it succeeds.
func readError(_ body: () throws -> Void) -> ReadError? {
    do {
        try body()
        return nil
    } catch let error as ReadError {
        return error
    } catch {
        Issue.record("expected a ReadError, got \(error)")
        return nil
    }
}

func cp949(_ text: String) throws -> [UInt8] {
    try CP949Encoder.encode(text)
}
