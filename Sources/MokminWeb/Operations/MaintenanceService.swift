import Foundation
import Logging
import MokminServices
import ServiceLifecycle

/// Hourly housekeeping while the server runs: deletes expired browser sessions and abandoned upload drafts.
struct MaintenanceService: Service {
    let services: AppServices
    let drafts: ImportDrafts
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await services.deleteExpiredSessions()
                    if removed > 0 { logger.info("expired sessions removed: \(removed)") }
                } catch {
                    logger.error("session clean-up failed", metadata: ["error": "\(error)"])
                }
                drafts.sweep(olderThan: 24 * 3600)
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
