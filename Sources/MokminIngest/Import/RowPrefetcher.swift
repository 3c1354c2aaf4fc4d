import Foundation

/// Reads a file's rows on a thread of its own, in batches, so that what the caller does with one batch (type
/// inference, conversion) overlaps the decoding and scanning of the next. Memory stays bounded: at most
/// `capacity` batches wait.
final class RowPrefetcher: @unchecked Sendable {
    /// The reader, for its `issues` and `encoding` once ``next()`` returned nil (or after ``stop()``).
    let reader: any RowReader
    private let channel: BatchChannel<[RawRow]>
    private let finished = DispatchSemaphore(value: 0)
    private var stopped = false

    init(_ reader: any RowReader, batchSize: Int = 512, capacity: Int = 8) {
        self.reader = reader
        channel = BatchChannel(capacity: capacity)
        let channel = channel
        let finished = finished
        let thread = Thread {
            var source = reader
            var batch: [RawRow] = []
            batch.reserveCapacity(batchSize)
            do {
                while let row = try source.next() {
                    batch.append(row)
                    if batch.count == batchSize {
                        guard channel.put(batch) else { break }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = channel.put(batch) }
                channel.finish()
            } catch {
                channel.finish(throwing: error)
            }
            finished.signal()
        }
        thread.name = "mokmin-read"
        thread.start()
    }

    /// The next batch of rows, nil at the end; throws the reader's error after the rows before it.
    func next() throws -> [RawRow]? {
        try channel.take()
    }

    /// Stops the reading thread (if it is still going) and waits for it. Call before leaving the reader.
    func stop() {
        guard !stopped else { return }
        stopped = true
        channel.cancel()
        finished.wait()
    }
}
