import Foundation
import MokminBase
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Running Chromium: never blocking a thread of the cooperative pool (the answer comes from the process's termination
/// handler), stopped when it outlasts ``PDFRenderer/timeout`` or the task is cancelled.
extension PDFRenderer {
    /// Seconds between asking Chromium to stop (SIGTERM, on which it closes its helper processes) and killing it.
    static let killGrace = 5.0

    /// Why a run was stopped before it ended by itself.
    enum Stop: Sendable {
        case timedOut
        case cancelled
    }

    /// What a run's termination handler, its timer and its cancellation handler share.
    struct RunState: Sendable {
        var launched = false
        var stop: Stop?
    }

    /// Runs `executable` with `arguments`, its stderr written to `errors`, and answers its exit status. A run past
    /// ``timeout`` is an `unavailable` error that says so and quotes stderr; a cancelled one throws `CancellationError`.
    func run(_ executable: String, arguments: [String], errors: URL) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle

        let state = Mutex(RunState())
        let timeout = self.timeout
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(
                        throwing: MokminError(.unavailable, ko: "Chromium을 실행하지 못했습니다: \(error)", en: "Chromium did not start: \(error)"))
                    return
                }
                let cancelledEarly = state.withLock { state in
                    state.launched = true
                    return state.stop == .cancelled
                }
                if cancelledEarly { Self.stop(process) }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                    guard process.isRunning else { return }
                    state.withLock { $0.stop = $0.stop ?? .timedOut }
                    Self.stop(process)
                }
            }
        } onCancel: {
            let launched = state.withLock { state in
                state.stop = state.stop ?? .cancelled
                return state.launched
            }
            if launched { Self.stop(process) }
        }
        switch state.withLock({ $0.stop }) {
        case .cancelled: throw CancellationError()
        case .timedOut:
            let seconds = String(format: "%g", timeout)
            let tail = Self.errorTail(of: errors)
            throw MokminError(
                .unavailable, ko: "Chromium이 \(seconds)초 안에 PDF를 만들지 못해 멈췄습니다\(tail.map { ": " + $0 } ?? "")",
                en: "Chromium did not make the PDF within \(seconds) s and was stopped\(tail.map { ": " + $0 } ?? "")")
        case nil: return status
        }
    }

    /// Asks Chromium to stop, and kills it if it is still running ``killGrace`` seconds later.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        DispatchQueue.global().asyncAfter(deadline: .now() + killGrace) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }
}
