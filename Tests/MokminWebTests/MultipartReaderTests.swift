import Foundation
import Hummingbird
import NIOCore
import Testing

@testable import MokminWeb

/// Why uploads keep their own multipart reader rather than multipart-kit's `MultipartParser`: every part of the
/// body is bounded (headers 16 KB, fields 64 KB, 32 parts, one file under the upload limit) and a body cut short is
/// refused, where `MultipartParser` gathers a header of any length in memory and cannot tell a truncated body from a
/// finished one.
@Suite struct MultipartReaderTests {
    static let boundary = "mokminBoundary"

    static func read(_ text: String, chunk: Int = 7, maxFileBytes: Int = 1_000) async throws -> (MultipartReader.Upload, String) {
        let reader = try #require(MultipartReader(contentType: "multipart/form-data; boundary=\(boundary)"))
        let bytes = Array(text.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunk).map { ByteBuffer(bytes: bytes[$0..<min($0 + chunk, bytes.count)]) }
        let body = RequestBody(asyncSequence: chunks.async)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-multipart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let upload = try await reader.read(body, fileTo: file, maxFileBytes: maxFileBytes)
        return (upload, String(decoding: try Data(contentsOf: file), as: UTF8.self))
    }

    static func part(_ name: String, file: String? = nil, _ content: String) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"" + (file.map { "; filename=\"\($0)\"" } ?? "")
            + "\r\n\r\n\(content)\r\n"
    }

    @Test("Fields into memory, the file to disk, in chunks of any size")
    func readsFieldsAndFile() async throws {
        let body = Self.part("format", "csv") + Self.part("file", file: "대기.csv", "측정소,PM10\r\n조치원,41\r\n") + "--\(Self.boundary)--\r\n"
        for chunk in [1, 3, 7, 64, 4096] {
            let (upload, file) = try await Self.read(body, chunk: chunk)
            #expect(upload.fields == ["format": "csv"] && upload.fileName == "대기.csv")
            #expect(file == "측정소,PM10\r\n조치원,41\r\n" && upload.fileSize == file.utf8.count)
        }
    }

    @Test(
        "Every part is bounded, and a body cut short is refused",
        arguments: [
            ("headers", "--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: " + String(repeating: "x", count: 20_000)),
            ("field", part("a", String(repeating: "가", count: 30_000)) + "--\(boundary)--\r\n"),
            ("parts", (0..<33).map { part("f\($0)", "1") }.joined() + "--\(boundary)--\r\n"),
            ("two files", part("a", file: "a.csv", "1") + part("b", file: "b.csv", "2") + "--\(boundary)--\r\n"),
            ("cut short", part("a", "1") + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\n1,2,3"),
            ("no boundary", String(repeating: "z", count: 5_000)),
        ])
    func refusals(_ what: String, _ body: String) async throws {
        await #expect(throws: HTTPError.self, "\(what)") { _ = try await Self.read(body, chunk: 512) }
    }

    @Test func aFileOverTheLimitIs413() async throws {
        let body = Self.part("file", file: "big.csv", String(repeating: "1,2\r\n", count: 300)) + "--\(Self.boundary)--\r\n"
        let error = try await #require(throws: HTTPError.self) { _ = try await Self.read(body, maxFileBytes: 1_000) }
        #expect(error.status == .contentTooLarge)
    }
}
