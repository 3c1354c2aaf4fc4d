import Foundation
import Logging
import MokminStore
import ServiceLifecycle

/// Hourly housekeeping while the server runs: deletes expired browser sessions and abandoned upload drafts.
struct HousekeepingScheduler: Service {
    let sessions: any SessionRepository
    let drafts: ImportDrafts?
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await sessions.deleteExpired(now: Date())
                    if removed > 0 { logger.info("expired sessions removed: \(removed)") }
                } catch {
                    logger.error("session clean-up failed", metadata: ["error": "\(error)"])
                }
                drafts?.sweep(olderThan: 24 * 3600)
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
