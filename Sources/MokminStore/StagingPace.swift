/// How a staged import shares SQLite's one writer: the size of its write transactions and the pause between them.
struct StagingPace: Sendable {
    /// The work one write transaction aims at. The rows per transaction follow the measured speed, so that a sign-in
    /// or a feed reading waiting for the writer waits about this long at most, whatever the machine's load.
    var transactionSeconds = 0.1
    /// The least time the writer stays free after each of the import's transactions. Writers of this process queue
    /// for GRDB's writer and need no pause; this one is for other processes (a server beside `mokmin import`), whose
    /// busy handler (``AppDatabase``) tries the lock again every few milliseconds.
    var minimumPauseSeconds = 0.01
    /// Bounds of the rows per transaction: the pending rows are held in memory until stored.
    var minimumRows = 256
    var initialRows = 4096
    var maximumRows = 16_384

    /// The rows for the next transaction, given that the last one stored `rows` in `seconds` and asked for `current`.
    func nextRows(current: Int, rows: Int, seconds: Double) -> Int {
        guard rows > 0 else { return current }
        let ideal = Double(rows) * transactionSeconds / max(seconds, 0.000_1)
        // Halfway towards the ideal: one slow commit (a WAL checkpoint) does not halve the next transaction.
        let next = (Double(current) + min(ideal, Double(maximumRows))) / 2
        return min(maximumRows, max(minimumRows, Int(next)))
    }
}
