import Synchronization

/// Lets at most `limit` prints run at once; the others wait their turn, first come first served, and a waiting task
/// that is cancelled leaves the queue at once. Each Chromium print is a dozen processes and about 300 MB, so a burst of
/// briefing downloads must not start them all together.
final class PrintGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID = 0
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits for a place; throws `CancellationError` if the task is cancelled before it gets one. Every successful
    /// `enter()` is followed by one ``leave()``.
    func enter() async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let answer: Result<Void, any Error>? = state.withLock { state in
                    // Checked under the lock: a cancellation handler that ran before this found nothing to remove.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.running < limit {
                        state.running += 1
                        return .success(())
                    }
                    state.waiting.append((id, continuation))
                    return nil
                }
                if let answer { continuation.resume(with: answer) }
            }
        } onCancel: {
            let waiting = state.withLock { state in
                state.waiting.firstIndex { $0.id == id }.map { state.waiting.remove(at: $0).continuation }
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// Gives the place to the first waiting task, or frees it.
    func leave() {
        let next = state.withLock { state in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil as CheckedContinuation<Void, any Error>?
            }
            return state.waiting.removeFirst().continuation
        }
        next?.resume()
    }

    /// How many prints hold a place now.
    var running: Int { state.withLock { $0.running } }
}
