import Foundation

/// A monotonic stopwatch with a time limit, checked by the solvers between units of work.
struct Deadline: Sendable {
    private let start: UInt64
    private let limitNanoseconds: UInt64

    init(seconds: Double) {
        start = DispatchTime.now().uptimeNanoseconds
        let clamped = max(0, min(seconds, 1e7))
        limitNanoseconds = UInt64(clamped * 1e9)
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var remaining: Double { max(0, Double(limitNanoseconds) / 1e9 - elapsed) }
    var expired: Bool { DispatchTime.now().uptimeNanoseconds - start >= limitNanoseconds }
}
