import Foundation

/// Rows written to a temporary file and read back in order, so that a push parser's output can be pulled row by
/// row with flat memory. The file is unlinked as soon as it is opened for reading.
///
/// Each row is its number and cell count (little-endian Int64 each), then per cell a length (Int32, -1 for an
/// absent cell) and that many UTF-8 bytes.
enum RowSpool {
    final class Writer {
        let url: URL
        private let handle: FileHandle
        private var pending: [UInt8] = []

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-spool-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            handle = try FileHandle(forWritingTo: url)
        }

        func write(number: Int, cells: [String?]) throws {
            append(Int64(number))
            append(Int64(cells.count))
            for cell in cells {
                if let cell {
                    append(Int32(cell.utf8.count))
                    pending.append(contentsOf: cell.utf8)
                } else {
                    append(Int32(-1))
                }
            }
            if pending.count >= 64 * 1024 { try flush() }
        }

        private func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { pending.append(contentsOf: $0) }
        }

        private func flush() throws {
            try handle.write(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }

        /// Flushes and closes the file, and opens it for reading.
        func finish() throws -> Reader {
            try flush()
            try handle.close()
            return try Reader(url: url)
        }

        /// Removes the file when it was never handed to a reader.
        func discard() {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
        }
    }

    final class Reader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var offset = 0

        init(url: URL) throws {
            handle = try FileHandle(forReadingFrom: url)
            try? FileManager.default.removeItem(at: url)
        }

        deinit {
            try? handle.close()
        }

        /// The next row, or nil at the end.
        func next() throws -> (number: Int, cells: [String?])? {
            guard try fill(16) else { return nil }
            let number = Int(read(Int64.self)), count = Int(read(Int64.self))
            var cells: [String?] = []
            cells.reserveCapacity(count)
            for _ in 0..<count {
                guard try fill(4) else { return nil }
                let length = Int(read(Int32.self))
                if length < 0 {
                    cells.append(nil)
                    continue
                }
                guard try fill(length) else { return nil }
                cells.append(String(decoding: buffer[offset..<(offset + length)], as: UTF8.self))
                offset += length
            }
            return (number, cells)
        }

        private func read<T: FixedWidthInteger>(_: T.Type) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: buffer[offset..<(offset + MemoryLayout<T>.size)]) }
            offset += MemoryLayout<T>.size
            return T(littleEndian: value)
        }

        /// Makes sure `count` bytes are buffered; false at the end of the file.
        private func fill(_ count: Int) throws -> Bool {
            while buffer.count - offset < count {
                buffer.removeSubrange(..<offset)
                offset = 0
                guard let data = try handle.read(upToCount: max(64 * 1024, count)), !data.isEmpty else { return false }
                buffer.append(contentsOf: data)
            }
            return true
        }
    }
}
