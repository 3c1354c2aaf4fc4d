import Foundation
import Logging
import MokminStore

/// Runs scheduled work once across the servers that share a database: each job is done under a lease
/// (``JobLeaseRepository``) that its server renews while the job runs. A server that dies stops renewing, and once the
/// lease expires (``duration``) another server's scheduler takes the job over.
public struct JobLeases: Sendable {
    let repository: any JobLeaseRepository
    /// This server's name in the leases it holds: host, process and a random part (two processes never share one).
    public let holder: String
    /// How long a lease lasts without renewal; renewed every third of it while its job runs.
    public let duration: TimeInterval
    let logger: Logger

    /// The lease duration `MOKMIN_JOB_LEASE_SECONDS` asks for (5…3600; default 90): how long a dead server's jobs wait
    /// before another server takes them over.
    public static var configuredDuration: TimeInterval {
        guard let text = ProcessInfo.processInfo.environment["MOKMIN_JOB_LEASE_SECONDS"], let seconds = Int(text) else { return 90 }
        return TimeInterval(min(max(seconds, 5), 3600))
    }

    public init(
        repository: any JobLeaseRepository, duration: TimeInterval = JobLeases.configuredDuration, logger: Logger = Logger(label: "mokmin.jobs")
    ) {
        self.repository = repository
        self.duration = duration
        self.logger = logger
        holder = "\(ProcessInfo.processInfo.hostName)#\(ProcessInfo.processInfo.processIdentifier)#\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs `body` while holding the lease `name`, renewing it, and lets it go afterwards; nil (without running) when
    /// another server holds it, or the database cannot be asked.
    public func run<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async rethrows -> T? {
        guard await take(name) else { return nil }
        let renewing = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(duration / 3))
                if Task.isCancelled { break }
                if await !take(name) { logger.warning("a job's lease was lost while it ran", metadata: ["job": "\(name)"]) }
            }
        }
        do {
            let result = try await body()
            renewing.cancel()
            await release(name)
            return result
        } catch {
            renewing.cancel()
            await release(name)
            throw error
        }
    }

    /// Takes or renews the lease `name` for ``duration``; false when another server holds it.
    public func take(_ name: String, for seconds: TimeInterval? = nil) async -> Bool {
        let now = Date()
        do {
            return try await repository.acquire(name, holder: holder, until: now.addingTimeInterval(seconds ?? duration), now: now)
        } catch {
            logger.error("could not take a job's lease", metadata: ["job": "\(name)", "error": "\(error)"])
            return false
        }
    }

    /// Lets the lease `name` go.
    public func release(_ name: String) async {
        try? await repository.release(name, holder: holder)
    }

    /// Whether any server holds the lease `name` now.
    public func isHeld(_ name: String) async -> Bool {
        ((try? await repository.holder(of: name, now: Date())) ?? nil) != nil
    }
}
