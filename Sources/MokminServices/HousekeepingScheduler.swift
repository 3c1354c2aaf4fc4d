import Foundation
import Logging
import MokminStore
import ServiceLifecycle

/// Hourly housekeeping while the server runs: deletes expired browser sessions (staff and residents') and abandoned
/// upload drafts.
struct HousekeepingScheduler: Service {
    let sessions: any SessionRepository
    var residents: (any ResidentRepository)? = nil
    let drafts: ImportDrafts?
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await sessions.deleteExpired(now: Date())
                    if removed > 0 { logger.info("expired sessions removed: \(removed)") }
                    if let residents {
                        let ended = try await residents.deleteExpiredSessions(now: Date())
                        if ended > 0 { logger.info("expired participation sessions removed: \(ended)") }
                    }
                } catch {
                    logger.error("session clean-up failed", metadata: ["error": "\(error)"])
                }
                drafts?.sweep(olderThan: 24 * 3600)
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
