import Foundation
import MokminBase
import MokminCore
import MokminStore

/// Accounts, sign-in, sessions and API tokens: every rule about who may act lives here.
public struct AccountService: Sendable {
    var repositories: Repositories
    public var hasher: PasswordHasher
    /// How long a browser session lasts without signing in again.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// How failed sign-ins slow down later ones.
    public var throttle = SignInThrottle()

    public init(repositories: Repositories, hasher: PasswordHasher = PasswordHasher()) {
        self.repositories = repositories
        self.hasher = hasher
    }

    // MARK: Accounts

    public func createUser(login: String, name: String, role: Role, password: String, actor: String?, origin: String? = nil)
        async throws -> User
    {
        try AccountRules.checkLogin(login)
        try AccountRules.checkName(name)
        try AccountRules.checkPassword(password)
        if try await repositories.users.find(login: login) != nil {
            throw MokminError(.conflict, ko: "이미 있는 로그인입니다: \(login)", en: "The login already exists: \(login)")
        }
        let hash = try await hasher.hash(password)
        return try await repositories.users.create(
            login: login, name: name.trimmingCharacters(in: .whitespacesAndNewlines), role: role, passwordHash: hash,
            audit: AuditEvent(actor: actor, action: "user.create", target: login, detail: "role=\(role.rawValue)", origin: origin))
    }

    public func changePassword(login: String, password: String, actor: String?, origin: String? = nil) async throws {
        try AccountRules.checkPassword(password)
        let hash = try await hasher.hash(password)
        try await repositories.users.setPasswordHash(
            login: login, passwordHash: hash, audit: AuditEvent(actor: actor, action: "user.passwd", target: login, origin: origin))
    }

    public func disable(login: String, actor: String?, origin: String? = nil) async throws {
        try await repositories.users.disable(login: login, audit: AuditEvent(actor: actor, action: "user.disable", target: login, origin: origin))
    }

    public func listUsers() async throws -> [User] { try await repositories.users.list() }

    // MARK: Signing in

    /// Checks a login and password. The attempt is first reserved with the throttle (``SignInThrottle``): while a
    /// delay runs it is refused without checking the password, and otherwise it counts as a failure until the password
    /// proves right, so parallel guesses cannot all slip past the count. Failures are audited one by one; refused
    /// attempts as a count.
    public func authenticate(login: String, password: String, origin: String?, now: Date = Date()) async throws -> User {
        let keys = throttle.keys(login: login, origin: origin)
        if case .refused(let until) = try await repositories.signInThrottle.reserve(keys, throttle: throttle, login: login, origin: origin, now: now)
        {
            let seconds = max(1, Int(min(until.timeIntervalSince(now), 86_400).rounded(.up)))
            throw MokminError(
                .rateLimited, ko: "로그인 시도가 너무 많습니다. \(seconds)초 뒤에 다시 시도하세요.",
                en: "Too many sign-in attempts. Try again in \(seconds) s.")
        }
        let stored = try await repositories.users.credentials(login: login)
        // Check a hash even for an unknown login, so that timing does not reveal which logins exist.
        var ok = false
        if let stored {
            ok = try await hasher.verify(password, hash: stored.passwordHash)
        } else {
            _ = try await hasher.hash(password)
        }
        guard let (user, _) = stored, ok, !user.disabled else {
            let reason = stored == nil ? "unknown login" : (stored!.0.disabled ? "disabled" : "wrong password")
            try await repositories.audit.record(
                AuditEvent(actor: nil, action: "login.failure", target: login, detail: reason, origin: origin, at: now))
            throw MokminError(.unauthorized, ko: "로그인 또는 비밀번호가 틀렸습니다", en: "Wrong login or password")
        }
        // The address alone keeps its count: one good account must not clear an address that guesses at others.
        try await repositories.signInThrottle.clear(keys.filter { $0.scope != .origin })
        return user
    }

    /// Opens a browser session: returns the cookie value (only its hash is stored) and the session's CSRF token.
    public func startSession(for user: User, origin: String?) async throws -> (cookie: String, csrfToken: String) {
        let cookie = SecretToken.make()
        let csrf = SecretToken.make()
        try await repositories.sessions.create(
            idHash: SecretDigest.hex(cookie), userID: user.id, csrfToken: csrf, expiresAt: Date().addingTimeInterval(sessionLifetime),
            audit: AuditEvent(actor: user.login, action: "login.success", target: user.login, origin: origin))
        return (cookie, csrf)
    }

    public func principal(forSessionCookie cookie: String) async throws -> Principal? {
        guard let (user, csrf) = try await repositories.sessions.find(idHash: SecretDigest.hex(cookie), now: Date()) else { return nil }
        return Principal(
            userID: user.id, login: user.login, name: user.name, role: user.role, credential: .session(csrfToken: csrf), city: user.city)
    }

    public func endSession(cookie: String, actor: String?, origin: String?) async throws {
        try await repositories.sessions.delete(
            idHash: SecretDigest.hex(cookie), audit: actor.map { AuditEvent(actor: $0, action: "logout", target: $0, origin: origin) })
    }

    // MARK: API tokens

    /// Creates a token for `login` and returns it with the secret, which is shown once and stored only hashed.
    /// A display token opens only the status board pages, read-only.
    public func createToken(login: String, label: String, displayOnly: Bool, actor: String?) async throws -> (APIToken, secret: String) {
        guard let user = try await repositories.users.find(login: login) else {
            throw MokminError(.notFound, ko: "없는 로그인입니다: \(login)", en: "No such login: \(login)")
        }
        if user.disabled {
            throw MokminError(.invalidInput, ko: "사용 중지된 계정입니다: \(login)", en: "The account is disabled: \(login)")
        }
        let secret = SecretToken.makeAPIToken()
        let token = try await repositories.tokens.create(
            userID: user.id, label: label, tokenHash: SecretDigest.hex(secret), displayOnly: displayOnly,
            audit: AuditEvent(actor: actor, action: "token.create", detail: "login=\(login) display=\(displayOnly) label=\(label)"))
        return (token, secret)
    }

    public func principal(forToken secret: String) async throws -> Principal? {
        guard let (token, user) = try await repositories.tokens.authenticate(tokenHash: SecretDigest.hex(secret), now: Date()) else { return nil }
        return Principal(
            userID: user.id, login: user.login, name: user.name, role: user.role,
            credential: .apiToken(id: token.id, displayOnly: token.displayOnly), city: user.city)
    }

    public func listTokens() async throws -> [APIToken] { try await repositories.tokens.list() }

    public func revokeToken(id: Int64, actor: String?) async throws {
        try await repositories.tokens.revoke(id: id, audit: AuditEvent(actor: actor, action: "token.revoke", target: "token \(id)"))
    }

    /// The newest audit entries, newest first (administrators read them).
    public func recentAudit(limit: Int) async throws -> [AuditEvent] { try await repositories.audit.recent(limit: limit) }

    /// Whether an account with this login exists.
    public func userExists(login: String) async throws -> Bool { try await repositories.users.find(login: login) != nil }
}
