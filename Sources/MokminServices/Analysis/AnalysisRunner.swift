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
///
/// With ``JobLeases`` (several servers on one database) a run executes under its lease, held by the server it was
/// submitted to from submission on: another server starting never fails it. Every minute each server looks for runs
/// whose server died (no live lease): a running one is marked failed, a queued one is taken over and run.
public actor AnalysisRunner: Service {
    let analyses: AnalysisService
    let logger: Logger
    let leases: JobLeases?
    private var pending: [Int64] = []
    private var wake: AsyncStream<Void>.Continuation?
    public let grace: Duration

    public init(
        analyses: AnalysisService, grace: Duration = .seconds(120), leases: JobLeases? = nil, logger: Logger = Logger(label: "mokmin.analyses")
    ) {
        self.analyses = analyses
        self.grace = grace
        self.leases = leases
        self.logger = logger
    }

    /// Queues a run saved as `queued` (taking its lease, so that no other server takes it for an orphan).
    public func submit(_ id: Int64) async {
        if let leases { _ = await leases.take(Self.lease(id)) }
        pending.append(id)
        wake?.yield()
    }

    static func lease(_ id: Int64) -> String { "analysis:\(id)" }

    /// Renews the leases of the runs waiting here, fails the runs whose server died while running them, and takes
    /// over the queued runs of such servers.
    func lookAfterLeases(_ leases: JobLeases) async {
        for id in pending { _ = await leases.take(Self.lease(id)) }
        guard let unfinished = try? await analyses.runs.list(sharedOnly: false, limit: 1000).filter({ !$0.status.isFinal }) else { return }
        for run in unfinished where !pending.contains(run.id) {
            guard await !leases.isHeld(Self.lease(run.id)), await leases.take(Self.lease(run.id)) else { continue }
            if run.status == .running {
                try? await analyses.runs.fail(
                    id: run.id, error: "실행하던 서버가 멈춰 끝나지 못했습니다 / the server running it stopped before it finished", at: Date())
                await leases.release(Self.lease(run.id))
                logger.notice("an analysis run left by a stopped server was marked failed", metadata: ["run": "\(run.id)"])
            } else {
                pending.append(run.id)
                wake?.yield()
                logger.notice("an analysis run queued on a stopped server was taken over", metadata: ["run": "\(run.id)"])
            }
        }
    }

    /// Executes every submitted run now, in order (the service loop does this; tests call it directly).
    public func drain() async {
        while !pending.isEmpty {
            let id = pending.removeFirst()
            await perform(id)
        }
    }

    public func run() async throws {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        if let leases {
            await lookAfterLeases(leases)
        } else {
            let failed = (try? await analyses.runs.failUnfinished(at: Date())) ?? 0
            if failed > 0 { logger.notice("analysis runs left unfinished by the last stop were marked failed", metadata: ["runs": "\(failed)"]) }
        }
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let leases = self.leases {
                    group.addTask {
                        while !Task.isCancelled {
                            do { try await Task.sleep(for: .seconds(60)) } catch { return }
                            await self.lookAfterLeases(leases)
                        }
                    }
                }
                group.addTask {
                    for await _ in stream {
                        await self.drain()
                    }
                }
            }
        }
    }

    /// Executes one run if it is still queued, under its lease when servers share the database.
    func perform(_ id: Int64) async {
        guard let leases else { return await execute(id) }
        _ = await leases.run(Self.lease(id)) { await self.execute(id) }
    }

    func execute(_ id: Int64) async {
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
