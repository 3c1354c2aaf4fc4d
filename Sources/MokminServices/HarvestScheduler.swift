import Logging
import ServiceLifecycle

/// Runs due harvests every half minute while the server runs; a graceful shutdown ends the wait at once.
public struct HarvestScheduler: Service {
    let harvests: HarvestService
    let logger: Logger
    var tick: Duration = .seconds(30)

    public init(harvests: HarvestService, logger: Logger, tick: Duration = .seconds(30)) {
        self.harvests = harvests
        self.logger = logger
        self.tick = tick
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let ran = await harvests.runDue()
                if ran > 0 { logger.info("harvests run: \(ran)") }
                do { try await Task.sleep(for: tick) } catch { return }
            }
        }
    }
}
