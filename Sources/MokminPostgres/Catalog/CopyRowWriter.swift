import Dispatch
import Foundation
import MokminCore
import MokminStore
import NIOCore
import Synchronization

/// Carries `COPY` data from the thread that reads an import's rows to the task that streams them to PostgreSQL:
/// at most a few chunks wait at once (the reader blocks on its own thread, never on the async threads), and a failure
/// on either side ends the other.
final class CopyPipe: Sendable {
    let stream: AsyncThrowingStream<ByteBuffer, any Error>
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    private let credits: DispatchSemaphore
    private let failure = Mutex<(any Error)?>(nil)
    static let depth = 4

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        credits = DispatchSemaphore(value: Self.depth)
    }

    /// Hands a chunk over, waiting while `depth` chunks are still unsent; throws once the sending side failed.
    func send(_ chunk: ByteBuffer) throws {
        credits.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        continuation.yield(chunk)
    }

    /// The sending side wrote a chunk: one more may come.
    func sent() { credits.signal() }

    /// The reading side is done (or failed with `error`).
    func finish(throwing error: (any Error)? = nil) { continuation.finish(throwing: error) }

    /// The sending side failed: the reader's next `send` throws `error` instead of waiting.
    func fail(_ error: any Error) {
        failure.withLock { $0 = $0 ?? error }
        for _ in 0..<(Self.depth + 1) { credits.signal() }
    }
}

/// The ``DatasetRowWriter`` of an import into PostgreSQL: writes each row as a line of `COPY`'s text format
/// (`_line`, `_region`, `_geometry`, then the version's columns) into chunks of about 256 KiB handed to a ``CopyPipe``.
struct CopyRowWriter: DatasetRowWriter {
    let pipe: CopyPipe
    let columnCount: Int
    private var chunk: ByteBuffer
    private(set) var profile: [ColumnProfile]?
    private(set) var rows = 0
    static let chunkBytes = 256 * 1024

    init(pipe: CopyPipe, columnCount: Int) {
        self.pipe = pipe
        self.columnCount = columnCount
        chunk = ByteBufferAllocator().buffer(capacity: Self.chunkBytes + 4096)
    }

    mutating func useProfile(_ profile: [ColumnProfile]) { self.profile = profile }

    mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws {
        guard values.count == columnCount else {
            throw MokminStoreError(
                ko: "\(line)행: 값 \(values.count)개, 열 \(columnCount)개", en: "\(values.count) values for \(columnCount) columns (line \(line))")
        }
        chunk.writeString(String(line))
        chunk.writeInteger(UInt8(ascii: "\t"))
        Self.write(region, to: &chunk)
        chunk.writeInteger(UInt8(ascii: "\t"))
        Self.write(geometry, to: &chunk)
        for value in values {
            chunk.writeInteger(UInt8(ascii: "\t"))
            Self.write(value, to: &chunk)
        }
        chunk.writeInteger(UInt8(ascii: "\n"))
        rows += 1
        if chunk.readableBytes >= Self.chunkBytes { try flush() }
    }

    mutating func append(_ batch: DatasetRowBatch) throws {
        guard batch.columnCount == columnCount, batch.values.count == batch.count * columnCount,
            batch.regions.count == batch.count, batch.geometries.count == batch.count
        else {
            throw MokminStoreError(
                ko: "행 묶음의 값이 열 \(columnCount)개에 맞지 않습니다", en: "A batch's values do not fit \(columnCount) columns (line \(batch.lines.first ?? 0))")
        }
        for i in 0..<batch.count {
            try append(batch.row(i), line: batch.lines[i], region: batch.regions[i], geometry: batch.geometries[i])
        }
    }

    /// Sends what is left; call once the last row was appended.
    mutating func finish() throws { try flush() }

    private mutating func flush() throws {
        guard chunk.readableBytes > 0 else { return }
        try pipe.send(chunk)
        chunk = ByteBufferAllocator().buffer(capacity: Self.chunkBytes + 4096)
    }

    static func write(_ value: TypedValue, to buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let i): buffer.writeString(String(i))
        case .decimal(let d):
            if d.isNaN {
                buffer.writeStaticString("NaN")
            } else if d.isInfinite {
                buffer.writeStaticString(d > 0 ? "Infinity" : "-Infinity")
            } else {
                buffer.writeString(d.description)
            }
        case .boolean(let b): buffer.writeStaticString(b ? "t" : "f")
        case .text(let s), .date(let s), .dateTime(let s): write(s, to: &buffer)
        }
    }

    /// Text in `COPY`'s escaping: backslash, tab, newline and carriage return escaped; NUL, which PostgreSQL text
    /// cannot hold, dropped.
    static func write(_ text: String?, to buffer: inout ByteBuffer) {
        guard var text else {
            buffer.writeStaticString("\\N")
            return
        }
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0: break
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
