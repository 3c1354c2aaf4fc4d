import Logging
import MokminServices
import ServiceLifecycle

/// Runs due harvests every half minute while the server runs; a graceful shutdown ends the wait at once.
struct HarvestScheduler: Service {
    let harvests: HarvestService
    let logger: Logger
    var tick: Duration = .seconds(30)

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let ran = await harvests.runDue()
                if ran > 0 { logger.info("harvests run: \(ran)") }
                do { try await Task.sleep(for: tick) } catch { return }
            }
        }
    }
}
