import Foundation
import MokminCore
import MokminStore

/// The demo city: Sejong's boundaries and demo accounts, loaded on the first start with `--demo` only.
public struct DemoSeeder: Sendable {
    public var accounts: AccountService
    public var regions: RegionService
    static let loadedSetting = "demo.loaded"

    public init(accounts: AccountService, regions: RegionService) {
        self.accounts = accounts
        self.regions = regions
    }

    /// Seeds the demo on the first start. Returns the generated admin password then, nil on later starts.
    ///
    /// Creates `admin` (admin), `analyst` (analyst) and `official` (official); only the admin's password is told.
    /// The admin sets the others' passwords (`mokmin user passwd`).
    public func seedIfFirstStart() async throws -> String? {
        if try await accounts.repositories.settings.value(for: Self.loadedSetting) != nil { return nil }
        _ = try await regions.seedBundledIfEmpty()
        let password = SecretToken.makePassword()
        let demo: [(String, String, Role, String)] = [
            ("admin", "데모 관리자", .admin, password),
            ("analyst", "데모 분석가", .analyst, SecretToken.makePassword()),
            ("official", "데모 공무원", .official, SecretToken.makePassword()),
        ]
        for (login, name, role, secret) in demo {
            if try await accounts.repositories.users.find(login: login) == nil {
                _ = try await accounts.createUser(login: login, name: name, role: role, password: secret, actor: nil)
            } else if login == "admin" {
                // An admin made before the demo gets the printed password, so that the printed line is true.
                try await accounts.changePassword(login: login, password: secret, actor: nil)
            }
        }
        _ = try await regions.setCity(RegionService.defaultCity, actor: nil)
        try await accounts.repositories.settings.set(
            ISO8601DateFormatter().string(from: Date()), for: Self.loadedSetting,
            audit: AuditEvent(actor: nil, action: "demo.load", target: "세종특별자치시"))
        return password
    }
}
