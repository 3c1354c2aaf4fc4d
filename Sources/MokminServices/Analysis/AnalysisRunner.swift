import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import ServiceLifecycle

/// Executes queued analysis runs one at a time, off the request path, while the server runs.
///
/// A run that takes longer than its own time limit plus ``grace`` is marked failed (its late result is dropped); a run
/// cancelled by a person is never overwritten by its result; runs left unfinished by a stopped server are marked
/// failed at the next start.
public actor AnalysisRunner: Service {
    let analyses: AnalysisService
    let logger: Logger
    private var pending: [Int64] = []
    private var wake: AsyncStream<Void>.Continuation?
    public let grace: Duration

    public init(analyses: AnalysisService, grace: Duration = .seconds(120), logger: Logger = Logger(label: "mokmin.analyses")) {
        self.analyses = analyses
        self.grace = grace
        self.logger = logger
    }

    /// Queues a run saved as `queued`.
    public func submit(_ id: Int64) {
        pending.append(id)
        wake?.yield()
    }

    /// Executes every submitted run now, in order (the service loop does this; tests call it directly).
    public func drain() async {
        while !pending.isEmpty {
            let id = pending.removeFirst()
            await perform(id)
        }
    }

    public func run() async throws {
        let failed = (try? await analyses.runs.failUnfinished(at: Date())) ?? 0
        if failed > 0 { logger.notice("analysis runs left unfinished by the last stop were marked failed", metadata: ["runs": "\(failed)"]) }
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        try? await cancelWhenGracefulShutdown {
            for await _ in stream {
                await self.drain()
            }
        }
    }

    /// Executes one run if it is still queued.
    func perform(_ id: Int64) async {
        let runs = analyses.runs
        guard let run = try? await runs.run(id: id), (try? await runs.start(id: id, at: Date())) == true else { return }
        let limit = Self.timeLimit(of: run) + grace
        let analyses = self.analyses
        do {
            let result = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    try await analyses.execute(run) { fraction, message in try? await runs.progress(id: id, fraction: fraction, message: message) }
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let result else {
                throw MokminError(
                    .invalidInput, ko: "시간 제한(\(limit.components.seconds)초)을 넘겨 중단했습니다",
                    en: "Stopped: it took longer than its time limit (\(limit.components.seconds) s)")
            }
            try await runs.finish(id: id, result: result, at: Date())
            logger.info("analysis run finished", metadata: ["run": "\(id)", "kind": "\(run.kind.rawValue)"])
        } catch {
            let message =
                error is CancellationError
                ? "서버가 중지되어 끝나지 못했습니다 / the server stopped before it finished"
                : (error as? any BilingualError)?.message.description ?? String(describing: error)
            try? await runs.fail(id: id, error: message, at: Date())
            logger.warning("analysis run failed", metadata: ["run": "\(id)", "reason": "\(message)"])
        }
    }

    static func timeLimit(of run: AnalysisRun) -> Duration {
        struct Limit: Decodable { var timeLimit: Double? }
        let seconds = (try? JSONDecoder().decode(Limit.self, from: Data(run.parameters.utf8)))?.timeLimit ?? 30
        return .seconds(seconds)
    }
}
