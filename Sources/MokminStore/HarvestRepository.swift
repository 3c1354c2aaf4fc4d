import Foundation
import GRDB
import MokminCore

public protocol HarvestRepository: Sendable {
    func create(_ harvest: NewHarvest, audit: AuditEvent) async throws -> Harvest
    func list() async throws -> [Harvest]
    func find(id: Int64) async throws -> Harvest?
    /// The service key, for the call only.
    func serviceKey(id: Int64) async throws -> String?
    func recordRun(id: Int64, at: Date, error: String?, rowsAdded: Int?) async throws
    func remove(id: Int64, audit: AuditEvent) async throws
}
