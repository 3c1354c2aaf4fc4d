import Foundation
import MokminBase
import MokminCore
import MokminStore

/// The administrator's setting "hosts allowed inside" (``InsideHosts``), kept in the settings table; every change
/// is written with its audit event in one transaction. The admin settings page and `mokmin settings inside-hosts`
/// both use it.
public struct InsideHostsSetting: Sendable {
    public let settings: any SettingRepository
    public static let key = "outbound.insideHosts"

    public init(settings: any SettingRepository) { self.settings = settings }

    /// The list in force (empty until an administrator sets one).
    public func current() async throws -> InsideHosts {
        Self.read(try await settings.value(for: Self.key))
    }

    /// Replaces the list with the entries in `text` (new lines, commas or spaces between them).
    @discardableResult
    public func replace(with text: String, actor: String?, origin: String? = nil) async throws -> InsideHosts {
        let hosts = try InsideHosts(text: text)
        return try await change(actor: actor, origin: origin) { _ in hosts }
    }

    /// Adds entries to the list.
    @discardableResult
    public func add(_ hosts: [String], actor: String?, origin: String? = nil) async throws -> InsideHosts {
        let added = try InsideHosts(hosts)
        return try await change(actor: actor, origin: origin) { list in try InsideHosts(list.entries + added.entries) }
    }

    /// Removes entries from the list; naming one that is not there is an error and changes nothing.
    @discardableResult
    public func remove(_ hosts: [String], actor: String?, origin: String? = nil) async throws -> InsideHosts {
        let removed = try InsideHosts(hosts)
        return try await change(actor: actor, origin: origin) { list in
            if let missing = removed.entries.first(where: { !list.entries.contains($0) }) {
                throw MokminError(.notFound, ko: "허용 목록에 없는 호스트입니다: \(missing)", en: "The host is not on the list: \(missing)")
            }
            return try InsideHosts(list.entries.filter { !removed.entries.contains($0) })
        }
    }

    private func change(actor: String?, origin: String?, _ transform: @escaping @Sendable (InsideHosts) throws -> InsideHosts) async throws
        -> InsideHosts
    {
        let text = try await settings.update(for: Self.key) { old in
            let hosts = try transform(Self.read(old))
            let detail = hosts.entries.isEmpty ? "hosts=(none)" : "hosts=" + hosts.entries.joined(separator: ",")
            return (hosts.text, AuditEvent(actor: actor, action: "settings.insideHosts", target: Self.key, detail: detail, origin: origin))
        }
        return Self.read(text)
    }

    /// The stored text as a list; an entry that no longer passes the checks (a rule added since it was saved) is left out.
    static func read(_ text: String?) -> InsideHosts {
        guard let text else { return .none }
        let entries = text.split(separator: "\n").compactMap { try? InsideHosts([String($0)]).entries.first }
        return (try? InsideHosts(entries)) ?? .none
    }
}
