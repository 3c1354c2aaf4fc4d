import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// The JSON API for accounts: who am I, and user management for admins (token or session with CSRF).
struct AccountAPIController {
    let accounts: AccountService

    func register(on router: SecuredRouter) {
        router.get("/api/me", .official, use: me)
        router.get("/api/users", .admin, use: list)
        router.post("/api/users", .admin, use: create)
        router.get("/api/audit", .admin, parameters: [Self.limit], use: audit)
    }

    static let limit = Parameter.integer("limit", 1...1_000)

    struct UserJSON: ResponseEncodable {
        var login: String
        var name: String
        var role: String
        var disabled: Bool
        init(_ u: User) { (login, name, role, disabled) = (u.login, u.name, u.role.rawValue, u.disabled) }
    }

    struct MeJSON: ResponseEncodable {
        var login: String
        var name: String
        var role: String
        var credential: String
    }

    struct NewUser: Decodable {
        var login: String
        var name: String
        var role: String
        var password: String
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> MeJSON {
        let principal = try context.requirePrincipal()
        let credential: String =
            switch principal.credential {
            case .session: "session"
            case .apiToken(_, let display): display ? "display-token" : "token"
            }
        return MeJSON(login: principal.login, name: principal.name, role: principal.role.rawValue, credential: credential)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [UserJSON] {
        try await accounts.listUsers().map(UserJSON.init)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserJSON> {
        let input: NewUser
        do {
            input = try await request.decode(as: NewUser.self, context: context)
        } catch {
            throw MokminError(
                .invalidInput, ko: "JSON 본문에 login, name, role, password가 있어야 합니다",
                en: "The JSON body needs login, name, role and password")
        }
        let user = try await accounts.createUser(
            login: input.login, name: input.name, role: try AccountRules.parseRole(input.role), password: input.password,
            actor: context.principal?.login, origin: context.clientAddress)
        return EditedResponse(status: .created, response: UserJSON(user))
    }

    struct AuditJSON: ResponseEncodable {
        var at: Date
        var actor: String?
        var action: String
        var target: String?
        var detail: String?
        var origin: String?
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> [AuditJSON] {
        let limit = try request.query.integer(Self.limit) ?? 100
        return try await accounts.recentAudit(limit: limit).map {
            AuditJSON(at: $0.at, actor: $0.actor, action: $0.action, target: $0.target, detail: $0.detail, origin: $0.origin)
        }
    }
}

extension AppRequestContext {
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw HTTPError(.unauthorized, message: "로그인이 필요합니다 / Sign-in required") }
        return principal
    }
}
