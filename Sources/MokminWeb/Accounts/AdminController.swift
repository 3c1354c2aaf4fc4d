import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminServices

/// Administration pages: users, API tokens, the audit log and settings. Every change goes through
/// `AccountService`, `RegionService` or `InsideHostsSetting`, which audit it in the same transaction.
struct AdminController {
    let accounts: AccountService
    let regions: RegionService
    let insideHosts: InsideHostsSetting
    let views: Views

    /// The fields of the administration forms.
    enum Input {
        static let login = Parameter.text("login", max: 64, in: .form)
        static let name = Parameter.text("name", max: 100, in: .form)
        static let role = Parameter.choice("role", Role.allCases.map(\.rawValue), in: .form)
        static let password = Parameter.text("password", max: 200, in: .form)
        static let label = Parameter.text("label", max: 100, in: .form)
        static let displayOnly = Parameter.flag("display_only", in: .form)
        /// The served cities: 시군구 codes separated by spaces, commas or new lines (at most 60 of 10 digits).
        static let city = Parameter.text("city", max: 1_000, in: .form)
        /// An account's city: a served city's code, or empty for every served city.
        static let userCity = Parameter.pattern("city", "([0-9]{5}|[0-9]{10})?", max: 10, in: .form)
        /// One host per line (at most 100 of them).
        static let insideHosts = Parameter.text("inside_hosts", max: 30_000, in: .form)
    }

    func register(on router: SecuredRouter) {
        router.get("/admin/users", .admin, use: users)
        router.post("/admin/users", .admin, parameters: [Input.login, Input.name, Input.role, Input.password], use: addUser)
        router.post("/admin/users/:login/disable", .admin, use: disableUser)
        router.post("/admin/users/:login/password", .admin, parameters: [Input.password], use: setPassword)
        router.post("/admin/users/:login/city", .admin, parameters: [Input.userCity], use: setUserCity)
        router.get("/admin/tokens", .admin, use: tokens)
        router.post("/admin/tokens", .admin, parameters: [Input.login, Input.label, Input.displayOnly], use: createToken)
        router.post("/admin/tokens/:id/revoke", .admin, use: revokeToken)
        router.get("/admin/audit", .admin, use: audit)
        router.get("/admin/settings", .admin, use: settings)
        router.post("/admin/settings", .admin, parameters: [Input.city], use: saveSettings)
        router.post("/admin/settings/inside-hosts", .admin, parameters: [Input.insideHosts], use: saveInsideHosts)
    }

    // MARK: Users

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await usersPage(request, context, extra: [:], status: .ok)
    }

    private func usersPage(_ request: Request, _ context: AppRequestContext, extra: [String: Any], status: HTTPResponse.Status) async throws
        -> Response
    {
        let lang = context.language
        let served = try await regions.servedCities()
        let rows: [[String: Any]] = try await accounts.listUsers().map { user in
            // Each account's city among the served ones; "" is every served city (a province's staff).
            let own = served.contains { $0.code == user.city } ? user.city ?? "" : ""
            let options =
                [["value": "", "label": Strings.text("city_all", lang), "selected": own.isEmpty]]
                + served.map { ["value": $0.code, "label": $0.fullName, "selected": $0.code == own] as [String: Any] }
            return [
                "login": user.login, "name": user.name, "role": lang == "en" ? user.role.rawValue : user.role.koreanName,
                "disabled": user.disabled, "created": Self.format(user.createdAt), "city_options": options,
            ]
        }
        var values = extra
        values["users"] = rows
        values["several_cities"] = served.count > 1
        values["roles"] = Role.allCases.reversed().map { ["value": $0.rawValue, "label": lang == "en" ? $0.rawValue : $0.koreanName] }
        return views.page("admin_users", values, context: context, request: request, status: status)
    }

    @Sendable func addUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        do {
            let role = try AccountRules.parseRole(try form.text(Input.role) ?? "")
            _ = try await accounts.createUser(
                login: try form.text(Input.login) ?? "", name: try form.text(Input.name) ?? "", role: role,
                password: try form.text(Input.password) ?? "", actor: context.principal?.login, origin: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: "/admin/users"])
        } catch let error as MokminError {
            return try await usersPage(
                request, context,
                extra: [
                    "error": error.message.text(context.language), "form_login": (try? form.text(Input.login)) ?? "",
                    "form_name": (try? form.text(Input.name)) ?? "",
                ],
                status: error.kind == .conflict ? .conflict : .badRequest)
        }
    }

    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let login = try context.parameters.require("login")
        try await accounts.disable(login: login, actor: context.principal?.login, origin: context.clientAddress)
        return Response(status: .seeOther, headers: [.location: "/admin/users"])
    }

    @Sendable func setPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let login = try context.parameters.require("login")
        let form = try await request.formFields()
        do {
            try await accounts.changePassword(
                login: login, password: try form.text(Input.password) ?? "", actor: context.principal?.login, origin: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: "/admin/users"])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await usersPage(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    /// Puts an account in one of the served cities, or in none (it sees them all).
    @Sendable func setUserCity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let login = try context.parameters.require("login")
        let form = try await request.formFields()
        do {
            let code = try form.text(Input.userCity) ?? ""
            try await regions.setUserCity(login: login, code: code.isEmpty ? nil : code, actor: context.principal?.login)
            return Response(status: .seeOther, headers: [.location: "/admin/users"])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await usersPage(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    // MARK: Tokens

    @Sendable func tokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await tokensPage(request, context, extra: [:])
    }

    private func tokensPage(_ request: Request, _ context: AppRequestContext, extra: [String: Any], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let rows: [[String: Any]] = try await accounts.listTokens().map { token in
            [
                "id": token.id, "login": token.login, "label": token.label, "display_only": token.displayOnly,
                "created": Self.format(token.createdAt), "last_used": token.lastUsedAt.map(Self.format) ?? "–",
                "revoked": token.revokedAt != nil,
            ]
        }
        var values = extra
        values["tokens"] = rows
        values["logins"] = try await accounts.listUsers().filter { !$0.disabled }.map(\.login)
        return views.page("admin_tokens", values, context: context, request: request, status: status)
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        do {
            let (_, secret) = try await accounts.createToken(
                login: try form.text(Input.login) ?? "", label: try form.text(Input.label) ?? "",
                displayOnly: try form.flag(Input.displayOnly) ?? false,
                actor: context.principal?.login)
            return try await tokensPage(request, context, extra: ["new_token": secret])
        } catch let error as MokminError {
            return try await tokensPage(request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await accounts.revokeToken(id: id, actor: context.principal?.login)
        return Response(status: .seeOther, headers: [.location: "/admin/tokens"])
    }

    // MARK: Audit log and settings

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows: [[String: Any]] = try await accounts.recentAudit(limit: 200).map { event in
            [
                "at": Self.format(event.at), "actor": event.actor ?? "(cli)", "action": event.action, "target": event.target ?? "",
                "detail": event.detail ?? "", "origin": event.origin ?? "",
            ]
        }
        return views.page("admin_audit", ["events": rows], context: context, request: request)
    }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await settingsPage(request, context, extra: [:])
    }

    private func settingsPage(_ request: Request, _ context: AppRequestContext, extra: [String: Any], status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        var values = extra
        let cities = try await regions.servedCities()
        values["cities"] = cities.map(RegionMap.row)
        if values["city_codes"] == nil { values["city_codes"] = cities.map(\.code).joined(separator: " ") }
        if values["city_notice"] == nil {
            var notices: [String] = []
            for city in cities {
                let availability = try await regions.loadBundledEMD(for: city, actor: nil)
                if case .notBundled = availability, let notice = availability.notice?.text(context.language) { notices.append(notice) }
            }
            if !notices.isEmpty { values["city_notice"] = Array(Set(notices)).sorted().joined(separator: " ") }
        }
        if values["inside_hosts"] == nil { values["inside_hosts"] = try await insideHosts.current().text }
        return views.page("admin_settings", values, context: context, request: request, status: status)
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        do {
            let cities = try await regions.setCities(try form.text(Input.city) ?? "", actor: context.principal?.login)
            var extra: [String: Any] = ["saved": true]
            // The first use of a city of another 시도 loads its bundled 읍면동, or says that none are bundled.
            var notices: [String] = []
            for city in cities {
                if let notice = try await regions.loadBundledEMD(for: city, actor: context.principal?.login).notice {
                    notices.append(notice.text(context.language))
                }
            }
            if !notices.isEmpty { extra["city_notice"] = Array(Set(notices)).sorted().joined(separator: " ") }
            return try await settingsPage(request, context, extra: extra)
        } catch let error as MokminError {
            return try await settingsPage(
                request, context, extra: ["error": error.message.text(context.language), "city_codes": (try? form.text(Input.city)) ?? ""],
                status: .badRequest)
        }
    }

    /// Replaces the hosts that feeds, harvests and webhooks may reach although they are inside. A refused list
    /// changes nothing and comes back in the form with the error.
    @Sendable func saveInsideHosts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.formFields()
        let text = try form.text(Input.insideHosts) ?? ""
        do {
            try await insideHosts.replace(with: text, actor: context.principal?.login, origin: context.clientAddress)
            return try await settingsPage(request, context, extra: ["saved": true])
        } catch let error as MokminError {
            return try await settingsPage(
                request, context, extra: ["inside_hosts_error": error.message.text(context.language), "inside_hosts": text], status: .badRequest)
        }
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Seoul")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
