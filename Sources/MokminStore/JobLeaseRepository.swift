import Foundation

/// Leases on scheduled jobs, so that several servers on one database run each job once: a server takes a job's lease
/// before running it, renews it while it runs, and lets it go when done. A server that dies stops renewing; once its
/// lease has expired another server takes the job over.
public protocol JobLeaseRepository: Sendable {
    /// Takes (or, for its holder, renews) the lease `name` until `until`; false when another holder's lease is live at `now`.
    func acquire(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool
    /// Lets the lease go, if `holder` holds it.
    func release(_ name: String, holder: String) async throws
    /// The live lease's holder, if any.
    func holder(of name: String, now: Date) async throws -> String?
}
