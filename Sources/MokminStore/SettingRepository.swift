import Foundation
import MokminCore

/// Server settings as key–value text (the served city, …).
public protocol SettingRepository: Sendable {
    func value(for key: String) async throws -> String?
    func set(_ value: String, for key: String, audit: AuditEvent?) async throws
    /// Reads the value, computes the new one and its audit event with `change`, and writes both: one transaction, so
    /// two changes at once (an entry added to a list while another is removed) never lose one another.
    /// An error thrown by `change` writes nothing.
    func update(for key: String, _ change: @escaping @Sendable (String?) throws -> (value: String, audit: AuditEvent?)) async throws -> String
}
