import Foundation

/// A monotonic stopwatch with a time limit, checked by the solvers between units of work.
struct Deadline: Sendable {
    private let start: UInt64
    private let limitNanoseconds: UInt64
    /// When `expired` turns true: the limit, or earlier for a `turn`.
    private let stopNanoseconds: UInt64

    init(seconds: Double) {
        start = DispatchTime.now().uptimeNanoseconds
        let clamped = max(0, min(seconds, 1e7))
        limitNanoseconds = UInt64(clamped * 1e9)
        stopNanoseconds = limitNanoseconds
    }

    private init(start: UInt64, limitNanoseconds: UInt64, stopNanoseconds: UInt64) {
        self.start = start
        self.limitNanoseconds = limitNanoseconds
        self.stopNanoseconds = stopNanoseconds
    }

    /// The same limit, but expired after at most `seconds` more: a solver given a turn sizes its effort (`remaining`)
    /// by the whole limit, as it would alone, and simply stops early.
    func turn(seconds: Double) -> Deadline {
        let now = DispatchTime.now().uptimeNanoseconds - start
        let stop = min(stopNanoseconds, now + UInt64(max(0, min(seconds, 1e7)) * 1e9))
        return Deadline(start: start, limitNanoseconds: limitNanoseconds, stopNanoseconds: stop)
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var remaining: Double { max(0, Double(limitNanoseconds) / 1e9 - elapsed) }
    var expired: Bool { DispatchTime.now().uptimeNanoseconds - start >= stopNanoseconds }
}
