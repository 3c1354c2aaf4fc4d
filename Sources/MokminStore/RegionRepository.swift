import Foundation
import MokminCore

/// The region registry: boundaries by level, and the national code crosswalk.
public protocol RegionRepository: Sendable {
    /// Inserts or replaces `regions` in one transaction, with the audit event.
    func upsert(_ regions: [Region], source: String, audit: AuditEvent) async throws
    func all() async throws -> [Region]
    func count(level: RegionLevel?) async throws -> Int
    /// Replaces the whole crosswalk in one transaction.
    func replaceCodes(_ entries: [RegionCodeEntry], audit: AuditEvent) async throws
    func codeEntries() async throws -> [RegionCodeEntry]
}
