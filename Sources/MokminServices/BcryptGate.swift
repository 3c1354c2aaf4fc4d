import Dispatch
import Foundation
import MokminBase
import MokminCore

/// Runs slow blocking work (bcrypt) on a dispatch queue, at most `permits` at a time, with at most `queueLimit`
/// callers waiting; a caller past the queue is refused at once with a "busy" error instead of piling up.
public actor BcryptGate {
    /// All cores but one (at least one): the server keeps a core for everything else.
    public static let defaultPermits = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    private let permits: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(permits: Int, queueLimit: Int) {
        self.permits = max(1, permits)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `work` off the cooperative threads once a permit is free.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        if running >= permits {
            guard waiting.count < queueLimit else {
                throw MokminError(
                    .rateLimited, ko: "로그인 요청이 몰려 있습니다. 잠시 뒤에 다시 시도하세요.",
                    en: "Too many sign-ins are being checked right now. Try again in a moment.")
            }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Hands the permit to the next waiter, or frees it.
    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// How many run and how many wait (for tests and metrics).
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }
}
