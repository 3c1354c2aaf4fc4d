import Foundation
import GRDB
import MokminCore

struct AuditRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "auditLog"
    var at: Date
    var actor: String?
    var action: String
    var target: String?
    var detail: String?
    var origin: String?

    init(_ e: AuditEvent) {
        (at, actor, action, target, detail, origin) = (e.at, e.actor, e.action, e.target, e.detail, e.origin)
    }

    var event: AuditEvent { AuditEvent(actor: actor, action: action, target: target, detail: detail, origin: origin, at: at) }
}
