import Foundation
import GRDB
import MokminCore

/// Saved analysis runs.
public protocol AnalysisRunRepository: Sendable {
    func create(kind: AnalysisRun.Kind, title: String, parameters: String, audit: AuditEvent) async throws -> AnalysisRun
    func run(id: Int64) async throws -> AnalysisRun?
    /// The newest first; `sharedOnly` for officials.
    func list(sharedOnly: Bool, limit: Int) async throws -> [AnalysisRun]
    /// Marks a queued run running (false when it is no longer queued, e.g. cancelled).
    func start(id: Int64, at: Date) async throws -> Bool
    func progress(id: Int64, fraction: Double, message: String) async throws
    /// Stores the result and `done` in one statement.
    func finish(id: Int64, result: String, at: Date) async throws
    func fail(id: Int64, error: String, at: Date) async throws
    /// Cancels a queued or running run; false when it had already finished.
    func cancel(id: Int64, at: Date, audit: AuditEvent) async throws -> Bool
    func setShared(id: Int64, shared: Bool, audit: AuditEvent) async throws
    /// Runs left `queued` or `running` by a stopped server, marked failed at start.
    func failUnfinished(at: Date) async throws -> Int
}
