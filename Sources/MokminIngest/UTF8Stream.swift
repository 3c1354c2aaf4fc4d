import Foundation

/// A file read in chunks and turned into valid UTF-8, chunk by chunk, whatever its encoding.
///
/// A UTF-8 byte order mark at the start is dropped (unless CP949 was asked for). With no encoding given, the
/// stream passes ASCII through and decides on the first 64 bytes from the first non-ASCII one, by
/// ``TextEncoding/detect(_:)``. Since ASCII is the same in both, nothing read before the decision is ever read wrongly. A multi-byte
/// character split between two chunks is carried over to the next one.
final class UTF8Stream {
    /// Bytes the stream could not decode, and in which encoding.
    struct DecodeFailure: Error {
        var encoding: TextEncoding
        /// Up to four bytes from where decoding stopped; empty when the file ends inside a character.
        var bytes: [UInt8]
        var truncated: Bool { bytes.isEmpty }
    }

    private enum Mode {
        case undecided
        case utf8
        case cp949(IconvConverter)
    }

    private let handle: FileHandle
    private let chunkSize: Int
    private var mode: Mode
    private var carry: [UInt8] = []
    private var atEnd = false
    private var startChecked = false
    private var failure: DecodeFailure?

    /// The encoding in use: UTF-8 until the stream has seen a byte that decides otherwise.
    var encoding: TextEncoding {
        if case .cp949 = mode { return .cp949 }
        return .utf8
    }

    init(url: URL, encoding: TextEncoding?, chunkSize: Int) throws {
        self.handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = max(1, chunkSize)
        switch encoding {
        case nil: mode = .undecided
        case .utf8: mode = .utf8
        case .cp949: mode = .cp949(try Self.cp949Converter())
        }
    }

    deinit {
        try? handle.close()
    }

    private static func cp949Converter() throws -> IconvConverter {
        guard let converter = IconvConverter(from: "CP949") else {
            throw DecodeFailure(encoding: .cp949, bytes: [])
        }
        return converter
    }

    /// The next non-empty run of valid UTF-8 bytes, or nil at the end of the file. Throws ``DecodeFailure`` once
    /// every valid byte before the bad ones has been returned.
    func next() throws -> [UInt8]? {
        while true {
            if let failure { throw failure }
            if atEnd && carry.isEmpty { return nil }
            var data = carry
            carry = []
            if !atEnd {
                if let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                    data.append(contentsOf: chunk)
                } else {
                    atEnd = true
                }
            }
            if !startChecked {
                if data.count < 3 && !atEnd && [0xEF, 0xBB, 0xBF].starts(with: data) {
                    carry = data
                    continue
                }
                startChecked = true
                if data.starts(with: [0xEF, 0xBB, 0xBF]) {
                    if case .cp949 = mode {
                    } else {
                        data.removeFirst(3)
                        mode = .utf8
                    }
                }
            }
            let output = try decode(data)
            if !output.isEmpty { return output }
        }
    }

    private func decode(_ data: [UInt8]) throws -> [UInt8] {
        switch mode {
        case .undecided:
            guard let firstHigh = data.firstIndex(where: { $0 >= 0x80 }) else { return data }
            if data.count - firstHigh < 64 && !atEnd {
                carry = Array(data[firstHigh...])
                return Array(data[..<firstHigh])
            }
            mode = TextEncoding.detect(data[firstHigh...]) == .utf8 ? .utf8 : .cp949(try Self.cp949Converter())
            return try decode(data)
        case .utf8:
            let (offset, truncated) = UTF8Validation.scan(data[...])
            guard let offset else { return data }
            if truncated && !atEnd {
                carry = Array(data[offset...])
            } else {
                failure = DecodeFailure(encoding: .utf8, bytes: truncated ? [] : Array(data[offset...].prefix(4)))
            }
            return Array(data[..<offset])
        case .cp949(let converter):
            var output: [UInt8] = []
            output.reserveCapacity(data.count + data.count / 2)
            let (consumed, stop) = converter.convert(data[...], into: &output)
            switch stop {
            case .done: break
            case .incomplete where !atEnd: carry = Array(data[consumed...])
            case .incomplete: failure = DecodeFailure(encoding: .cp949, bytes: [])
            case .invalid: failure = DecodeFailure(encoding: .cp949, bytes: Array(data[consumed...].prefix(4)))
            }
            return output
        }
    }
}
