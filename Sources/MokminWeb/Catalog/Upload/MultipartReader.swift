import Foundation
import Hummingbird

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `multipart/form-data` body as it arrives: small text fields into memory, the one file field straight
/// to disk, so an upload of any size needs little memory.
struct MultipartReader {
    struct Upload: Sendable {
        var fields: [String: String]
        /// The uploaded file's name as the browser sent it, and where it was written.
        var fileName: String?
        var fileSize: Int
    }

    let boundary: [UInt8]
    let maxFieldBytes = 64 * 1024
    /// Parts an upload may have besides its file (the form has a few; more is not a person's form).
    let maxParts = 32

    /// The boundary of a `multipart/form-data` content type, or nil for any other content type.
    init?(contentType: String?) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var value = contentType[range.upperBound...].split(separator: ";").first.map(String.init) ?? ""
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !value.isEmpty, value.count <= 200 else { return nil }
        boundary = Array(("--" + value).utf8)
    }

    /// Reads `body`, writing the part that carries a file name to `file`.
    func read(_ body: RequestBody, fileTo file: URL, maxFileBytes: Int) async throws -> Upload {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var upload = Upload(fields: [:], fileName: nil, fileSize: 0)
        enum State { case preamble, headers, content(name: String, isFile: Bool), done }
        var state = State.preamble
        var fieldBytes: [UInt8] = []
        var parts = 0
        let delimiter = [13, 10] + boundary  // CRLF--boundary

        func fail(_ ko: String, _ en: String) -> HTTPError {
            HTTPError(.badRequest, message: "\(ko) / \(en)")
        }

        for try await chunk in body {
            buffer.append(contentsOf: chunk.readableBytesView)
            parsing: while true {
                switch state {
                case .done:
                    break parsing
                case .preamble:
                    guard let at = Self.find(boundary, in: buffer, from: 0) else {
                        if buffer.count > 4096 { throw fail("멀티파트 경계를 찾을 수 없습니다", "No multipart boundary found") }
                        break parsing
                    }
                    guard buffer.count >= at + boundary.count + 2 else { break parsing }
                    buffer.removeFirst(at + boundary.count + 2)  // boundary and CRLF
                    state = .headers
                case .headers:
                    guard let end = Self.find([13, 10, 13, 10], in: buffer, from: 0) else {
                        if buffer.count > 16 * 1024 { throw fail("파트 머리글이 너무 깁니다", "A part's headers are too long") }
                        break parsing
                    }
                    let headers = String(decoding: buffer[..<end], as: UTF8.self)
                    buffer.removeFirst(end + 4)
                    let (name, fileName) = Self.disposition(headers)
                    guard let name else { throw fail("파트에 이름이 없습니다", "A part has no name") }
                    parts += 1
                    guard parts <= maxParts else { throw fail("양식의 항목이 너무 많습니다 (\(maxParts)개까지)", "The form has too many parts (at most \(maxParts))") }
                    if let fileName {
                        if upload.fileName != nil { throw fail("파일은 하나만 올릴 수 있습니다", "Upload one file at a time") }
                        upload.fileName = fileName
                    }
                    fieldBytes = []
                    state = .content(name: name, isFile: fileName != nil)
                case .content(let name, let isFile):
                    if let at = Self.find(delimiter, in: buffer, from: 0) {
                        guard buffer.count >= at + delimiter.count + 2 else { break parsing }
                        try take(buffer[..<at], isFile: isFile)
                        if !isFile { upload.fields[name] = String(decoding: fieldBytes, as: UTF8.self) }
                        let after = buffer[(at + delimiter.count)..<(at + delimiter.count + 2)]
                        buffer.removeFirst(at + delimiter.count + 2)
                        state = after.elementsEqual([45, 45]) ? .done : .headers  // "--" ends the body
                    } else {
                        // Keep what could be the start of the delimiter; write or keep the rest.
                        let safe = buffer.count - (delimiter.count - 1)
                        if safe > 0 {
                            try take(buffer[..<safe], isFile: isFile)
                            buffer.removeFirst(safe)
                        }
                        break parsing
                    }
                }
            }
        }
        guard case .done = state else { throw fail("올린 내용이 중간에 끊겼습니다", "The upload ended before its last boundary") }
        return upload

        func take(_ bytes: ArraySlice<UInt8>, isFile: Bool) throws {
            if isFile {
                upload.fileSize += bytes.count
                if upload.fileSize > maxFileBytes {
                    throw HTTPError(.contentTooLarge, message: "파일이 너무 큽니다 / The file is too large (limit \(maxFileBytes / 1_048_576) MB)")
                }
                handle.write(Data(bytes))
            } else {
                fieldBytes.append(contentsOf: bytes)
                if fieldBytes.count > maxFieldBytes { throw fail("양식 값이 너무 깁니다", "A form field is too long") }
            }
        }
    }

    /// `name` and `filename` of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (String?, String?) {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            func value(_ key: String) -> String? {
                guard let range = line.range(of: "\(key)=\"") else { return nil }
                let rest = line[range.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { return nil }
                return String(rest[..<end])
            }
            return (value("name"), value("filename"))
        }
        return (nil, nil)
    }

    /// The first position of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count > 0, haystack.count - from >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { h -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                var position = from
                let last = h.count - n.count
                while position <= last {
                    guard let hit = memchr(h.baseAddress! + position, Int32(n[0]), last - position + 1) else { return nil }
                    let index = h.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(h.baseAddress! + index, n.baseAddress!, n.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }
}
