import Foundation
import MokminTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `mokmin` binary started on a live port, with its output captured.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output = Pipe()
    private let lock = NSLock()
    private var stdoutText = ""

    /// The binary `swift build` (or `swift test`) made, next to the test bundle.
    static var binary: URL { Fixtures.packageRoot.appendingPathComponent(".build/debug/mokmin") }
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    init(database: String, demo: Bool = false, arguments: [String] = [], environment: [String: String] = [:]) throws {
        port = Int.random(in: 20_000...60_000)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--db", database, "--port", String(port), "--log-level", "warning"] + (demo ? ["--demo"] : []) + arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.stdoutText += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var standardOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return stdoutText
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Waits until `/health` answers 200 (the bundled boundaries load on first start).
    func waitUntilHealthy(timeout: TimeInterval = 60) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning { throw E2EError("the server exited with status \(process.terminationStatus)") }
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: base + "/health")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw E2EError("the server did not become healthy within \(timeout) s")
    }

    func terminate() { process.terminate() }  // SIGTERM

    /// Ends the process at once, as a crash or a power cut would (SIGKILL): no graceful shutdown, leases left held.
    func kill9() { kill(process.processIdentifier, SIGKILL) }

    /// Waits for the process to exit and returns its status.
    func waitForExit(timeout: TimeInterval = 30) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                throw E2EError("the server did not stop within \(timeout) s of SIGTERM")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }
}

/// Runs the `mokmin` binary to completion (for set-up commands) and returns its exit status and standard output.
@discardableResult
func runMokmin(_ arguments: [String], input: String? = nil, in folder: URL? = nil) async throws -> (status: Int32, output: String) {
    try await runProcess(ServerProcess.binary, arguments, input: input, in: folder)
}

/// Runs a program to completion and returns its exit status and standard output, waiting on a thread of its own: a
/// test that waits minutes for a browser or schemathesis must not hold one of the few threads every other test's
/// tasks (and in-process test servers' handlers) run on.
func runProcess(_ executable: URL, _ arguments: [String], input: String? = nil, in folder: URL? = nil) async throws -> (
    status: Int32, output: String
) {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runProcessBlocking(executable, arguments, input: input, in: folder) })
        }.start()
    }
}

/// Runs a program to completion with optional standard input (in `folder`, else the current one); returns its status
/// and standard output.
/// ``runProcess(_:_:input:in:)`` on the calling thread, for quick checks outside async code (`.enabled(if:)`).
func runProcessBlocking(_ executable: URL, _ arguments: [String], input: String? = nil, in folder: URL? = nil) throws -> (
    status: Int32, output: String
) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The path of an executable on PATH, or nil.
func which(_ name: String) -> URL? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
