import Foundation

/// Runs blocking work (reading a whole file, storing an import's rows) on a thread of its own, so that awaiting it
/// never blocks one of Swift's cooperative threads (two on a two-core server, shared by every request).
public enum OwnThread {
    /// Starts `body` on a new thread named `name` and returns (or throws) what it returned once it has finished.
    public static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.start()
        }
    }
}
