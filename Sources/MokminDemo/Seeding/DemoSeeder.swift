import Foundation
import MokminCore
import MokminServices

/// The demo city: Sejong's boundaries and demo accounts, loaded on the first start with `--demo` only.
public struct DemoSeeder: Sendable {
    public var services: AppServices
    static let loadedSetting = "demo.loaded"

    public init(services: AppServices) {
        self.services = services
    }

    /// Seeds the demo on the first start. Returns the generated admin password then, nil on later starts.
    ///
    /// Creates `admin` (admin), `analyst` (analyst) and `official` (official); only the admin's password is told.
    /// The admin sets the others' passwords (`mokmin user passwd`).
    public func seedIfFirstStart() async throws -> String? {
        let accounts = services.accounts, regions = services.regions
        if try await services.setting(Self.loadedSetting) != nil { return nil }
        _ = try await regions.seedBundledIfEmpty()
        let password = SecretToken.makePassword()
        let demo: [(String, String, Role, String)] = [
            ("admin", "데모 관리자", .admin, password),
            ("analyst", "데모 분석가", .analyst, SecretToken.makePassword()),
            ("official", "데모 공무원", .official, SecretToken.makePassword()),
        ]
        for (login, name, role, secret) in demo {
            if try await !accounts.userExists(login: login) {
                _ = try await accounts.createUser(login: login, name: name, role: role, password: secret, actor: nil)
            } else if login == "admin" {
                // An admin made before the demo gets the printed password, so that the printed line is true.
                try await accounts.changePassword(login: login, password: secret, actor: nil)
            }
        }
        _ = try await regions.setCity(RegionService.defaultCity, actor: nil)
        try await services.setSetting(
            ISO8601DateFormatter().string(from: Date()), for: Self.loadedSetting,
            audit: AuditEvent(actor: nil, action: "demo.load", target: "세종특별자치시"))
        return password
    }
}
