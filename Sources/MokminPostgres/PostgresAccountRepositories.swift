import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `UserRepository`.
public struct PostgresUserRepository: UserRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    typealias Columns = (Int64, String, String, String, Bool, Date, String?)
    static func user(_ c: Columns) -> User {
        User(id: c.0, login: c.1, name: c.2, role: Role(rawValue: c.3) ?? .official, disabled: c.4, createdAt: c.5, city: c.6)
    }

    public func create(login: String, name: String, role: Role, passwordHash: String, audit: AuditEvent) async throws -> User {
        do {
            return try await store.transaction { connection in
                let rows = try await connection.query(
                    """
                    INSERT INTO "user" (login, name, role, passwordhash, disabled, createdat)
                    VALUES (\(login), \(name), \(role.rawValue), \(passwordHash), false, \(audit.at))
                    RETURNING id, login, name, role, disabled, createdat, city
                    """, logger: logger)
                let created = try await rows.decode(Columns.self).firstElement()!
                try await connection.record(audit, logger: logger)
                return Self.user(created)
            }
        } catch let error as PostgresStoreError where error.isUniqueViolation {
            throw MokminError(.conflict, ko: "이미 있는 로그인입니다: \(login)", en: "The login already exists: \(login)")
        }
    }

    public func find(login: String) async throws -> User? {
        try await store.connection { connection in
            try await connection.query(
                #"SELECT id, login, name, role, disabled, createdat, city FROM "user" WHERE login = \#(login)"#, logger: logger
            )
            .decode(Columns.self).firstElement().map(Self.user)
        }
    }

    public func find(id: Int64) async throws -> User? {
        try await store.connection { connection in
            try await connection.query(#"SELECT id, login, name, role, disabled, createdat, city FROM "user" WHERE id = \#(id)"#, logger: logger)
                .decode(Columns.self).firstElement().map(Self.user)
        }
    }

    public func credentials(login: String) async throws -> (User, passwordHash: String)? {
        try await store.connection { connection in
            try await connection.query(
                #"SELECT id, login, name, role, disabled, createdat, city, passwordhash FROM "user" WHERE login = \#(login)"#, logger: logger
            )
            .decode((Int64, String, String, String, Bool, Date, String?, String).self).firstElement()
            .map { (Self.user(($0.0, $0.1, $0.2, $0.3, $0.4, $0.5, $0.6)), passwordHash: $0.7) }
        }
    }

    public func list() async throws -> [User] {
        try await store.connection { connection in
            try await connection.query(#"SELECT id, login, name, role, disabled, createdat, city FROM "user" ORDER BY login"#, logger: logger)
                .decode(Columns.self).all().map(Self.user)
        }
    }

    public func setPasswordHash(login: String, passwordHash: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let id = try await Self.requireID(connection, login, logger: logger)
            try await connection.query(#"UPDATE "user" SET passwordhash = \#(passwordHash) WHERE id = \#(id)"#, logger: logger)
            try await connection.query("DELETE FROM session WHERE userid = \(id)", logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    public func setCity(login: String, city: String?, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let id = try await Self.requireID(connection, login, logger: logger)
            try await connection.query(#"UPDATE "user" SET city = \#(city) WHERE id = \#(id)"#, logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    public func disable(login: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            let id = try await Self.requireID(connection, login, logger: logger)
            try await connection.query(#"UPDATE "user" SET disabled = true WHERE id = \#(id)"#, logger: logger)
            try await connection.query("DELETE FROM session WHERE userid = \(id)", logger: logger)
            try await connection.query("UPDATE apitoken SET revokedat = \(Date()) WHERE userid = \(id) AND revokedat IS NULL", logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    public func count() async throws -> Int {
        try await store.connection { connection in
            try await connection.query(#"SELECT count(*) FROM "user""#, logger: logger).decode(Int.self).firstElement() ?? 0
        }
    }

    static func requireID(_ connection: PostgresConnection, _ login: String, logger: Logger) async throws -> Int64 {
        guard let id = try await connection.query(#"SELECT id FROM "user" WHERE login = \#(login)"#, logger: logger).decode(Int64.self).firstElement()
        else {
            throw MokminError(.notFound, ko: "없는 로그인입니다: \(login)", en: "No such login: \(login)")
        }
        return id
    }
}

/// The PostgreSQL implementation of `SessionRepository`.
public struct PostgresSessionRepository: SessionRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func create(idHash: String, userID: Int64, csrfToken: String, expiresAt: Date, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            try await connection.query(
                """
                INSERT INTO session (idhash, userid, csrftoken, createdat, expiresat)
                VALUES (\(idHash), \(userID), \(csrfToken), \(Date()), \(expiresAt))
                """, logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    public func find(idHash: String, now: Date) async throws -> (user: User, csrfToken: String)? {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT u.id, u.login, u.name, u.role, u.disabled, u.createdat, u.city, s.csrftoken
                FROM session s JOIN "user" u ON u.id = s.userid
                WHERE s.idhash = \(idHash) AND s.expiresat > \(now) AND NOT u.disabled
                """, logger: logger
            )
            .decode((Int64, String, String, String, Bool, Date, String?, String).self).firstElement()
            .map { (PostgresUserRepository.user(($0.0, $0.1, $0.2, $0.3, $0.4, $0.5, $0.6)), $0.7) }
        }
    }

    public func delete(idHash: String, audit: AuditEvent?) async throws {
        try await store.transaction { connection in
            try await connection.query("DELETE FROM session WHERE idhash = \(idHash)", logger: logger)
            if let audit { try await connection.record(audit, logger: logger) }
        }
    }

    public func deleteExpired(now: Date) async throws -> Int {
        try await store.connection { connection in
            try await connection.count("DELETE FROM session WHERE expiresat <= \(now) RETURNING 1", logger: logger)
        }
    }
}

/// The PostgreSQL implementation of `APITokenRepository`.
public struct PostgresAPITokenRepository: APITokenRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let select = """
        SELECT t.id, u.login, t.label, t.displayonly, t.createdat, t.lastusedat, t.revokedat FROM apitoken t JOIN "user" u ON u.id = t.userid
        """
    typealias Columns = (Int64, String, String, Bool, Date, Date?, Date?)
    static func token(_ c: Columns) -> APIToken {
        APIToken(id: c.0, login: c.1, label: c.2, displayOnly: c.3, createdAt: c.4, lastUsedAt: c.5, revokedAt: c.6)
    }

    public func create(userID: Int64, label: String, tokenHash: String, displayOnly: Bool, audit: AuditEvent) async throws -> APIToken {
        try await store.transaction { connection in
            let id = try await connection.query(
                """
                INSERT INTO apitoken (userid, label, tokenhash, displayonly, createdat)
                VALUES (\(userID), \(label), \(tokenHash), \(displayOnly), \(Date())) RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
            var event = audit
            event.target = "token \(id)"
            try await connection.record(event, logger: logger)
            let row = try await connection.query(PostgresQuery(unsafeSQL: Self.select + " WHERE t.id = $1", binds: Self.binds(id)), logger: logger)
                .decode(Columns.self).firstElement()!
            return Self.token(row)
        }
    }

    public func authenticate(tokenHash: String, now: Date) async throws -> (token: APIToken, user: User)? {
        try await store.connection { connection in
            guard
                let found = try await connection.query(
                    """
                    SELECT t.id, u.login, t.label, t.displayonly, t.createdat, t.lastusedat, t.revokedat,
                        u.id, u.name, u.role, u.disabled, u.createdat, u.city
                    FROM apitoken t JOIN "user" u ON u.id = t.userid
                    WHERE t.tokenhash = \(tokenHash) AND t.revokedat IS NULL AND NOT u.disabled
                    """, logger: logger
                ).decode((Int64, String, String, Bool, Date, Date?, Date?, Int64, String, String, Bool, Date, String?).self).firstElement()
            else { return nil }
            var token = Self.token((found.0, found.1, found.2, found.3, found.4, found.5, found.6))
            let user = PostgresUserRepository.user((found.7, found.1, found.8, found.9, found.10, found.11, found.12))
            // Record use at most once a minute per token, whichever server sees it: the condition is in the statement.
            let cutoff = now.addingTimeInterval(-60)
            let recorded = try await connection.count(
                """
                UPDATE apitoken SET lastusedat = \(now) WHERE id = \(token.id) AND (lastusedat IS NULL OR lastusedat < \(cutoff)) RETURNING 1
                """, logger: logger)
            if recorded > 0 { token.lastUsedAt = now }
            return (token, user)
        }
    }

    public func list() async throws -> [APIToken] {
        try await store.connection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: Self.select + " ORDER BY t.id"), logger: logger).decode(Columns.self).all().map(
                Self.token)
        }
    }

    public func revoke(id: Int64, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard
                let revoked = try await connection.query("SELECT revokedat FROM apitoken WHERE id = \(id) FOR UPDATE", logger: logger)
                    .decode(Date?.self).firstElement()
            else {
                throw MokminError(.notFound, ko: "없는 토큰입니다: \(id)", en: "No such token: \(id)")
            }
            if revoked != nil {
                throw MokminError(.conflict, ko: "이미 폐기된 토큰입니다: \(id)", en: "The token is already revoked: \(id)")
            }
            try await connection.query("UPDATE apitoken SET revokedat = \(Date()) WHERE id = \(id)", logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    static func binds(_ values: Int64...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}

/// The PostgreSQL implementation of `AuditLogRepository`.
public struct PostgresAuditLogRepository: AuditLogRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func record(_ event: AuditEvent) async throws {
        try await store.connection { try await $0.record(event, logger: logger) }
    }

    public func recent(limit: Int) async throws -> [AuditEvent] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT actor, action, target, detail, origin, at FROM auditlog ORDER BY id DESC LIMIT \(limit)", logger: logger
            )
            .decode((String?, String, String?, String?, String?, Date).self).all()
            .map { AuditEvent(actor: $0.0, action: $0.1, target: $0.2, detail: $0.3, origin: $0.4, at: $0.5) }
        }
    }

    public func count(action: String, target: String?, origin: String?, since: Date) async throws -> Int {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT count(*) FROM auditlog WHERE action = \(action) AND at >= \(since)
                AND (\(target)::text IS NULL OR target = \(target)) AND (\(origin)::text IS NULL OR origin = \(origin))
                """, logger: logger
            ).decode(Int.self).firstElement() ?? 0
        }
    }
}

/// The PostgreSQL implementation of `SettingRepository`.
public struct PostgresSettingRepository: SettingRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func value(for key: String) async throws -> String? {
        try await store.connection { connection in
            try await connection.query("SELECT value FROM setting WHERE key = \(key)", logger: logger).decode(String.self).firstElement()
        }
    }

    public func set(_ value: String, for key: String, audit: AuditEvent?) async throws {
        try await store.transaction { connection in
            try await connection.query(
                "INSERT INTO setting (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value", logger: logger)
            if let audit { try await connection.record(audit, logger: logger) }
        }
    }

    public func update(for key: String, _ change: @escaping @Sendable (String?) throws -> (value: String, audit: AuditEvent?)) async throws
        -> String
    {
        try await store.transaction { connection in
            // Two servers changing the same setting take turns (a row that does not exist yet cannot be locked).
            try await connection.lock("setting:" + key, logger: logger)
            let old = try await connection.query("SELECT value FROM setting WHERE key = \(key)", logger: logger).decode(String.self).firstElement()
            let (value, audit) = try change(old)
            try await connection.query(
                "INSERT INTO setting (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value", logger: logger)
            if let audit { try await connection.record(audit, logger: logger) }
            return value
        }
    }
}

/// The PostgreSQL implementation of `SignInThrottleRepository`: one row per key, decided under per-key advisory locks
/// (taken in a fixed order) so that parallel attempts on several servers are counted one after another.
public struct PostgresSignInThrottleRepository: SignInThrottleRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func reserve(
        _ keys: [SignInThrottle.Key], throttle: SignInThrottle, login: String, origin: String?, now: Date
    ) async throws -> SignInDecision {
        try await store.transaction { connection in
            for text in Set(keys.map(\.text)).sorted() { try await connection.lock("signin:" + text, logger: logger) }
            var rows: [(key: SignInThrottle.Key, failures: Int, next: Date, refused: Int, reported: Date?)] = []
            for key in keys {
                if let row = try await connection.query(
                    "SELECT failures, lastfailureat, nextallowedat, refused, refusedreportedat FROM signinthrottle WHERE key = \(key.text)",
                    logger: logger
                ).decode((Int, Double, Double, Int, Double?).self).firstElement() {
                    let last = Date(timeIntervalSince1970: row.1)
                    let forgotten = last < now.addingTimeInterval(-throttle.forgetAfter)
                    let next = Date(timeIntervalSince1970: row.2)
                    rows.append((key, forgotten ? 0 : row.0, forgotten ? now : next, row.3, row.4.map(Date.init(timeIntervalSince1970:))))
                } else {
                    rows.append((key, 0, now, 0, nil))
                }
            }
            if let waiting = rows.filter({ $0.next.timeIntervalSince(now) > 0.001 }).max(by: { $0.next < $1.next }) {
                let refused = waiting.refused + 1
                if waiting.reported.map({ now.timeIntervalSince($0) >= throttle.reportEvery }) ?? true {
                    try await connection.record(
                        AuditEvent(
                            actor: nil, action: "login.blocked", target: login,
                            detail:
                                "\(refused) attempt(s) refused by \(waiting.key.scope.rawValue) until \(ISO8601DateFormatter().string(from: waiting.next))",
                            origin: origin, at: now), logger: logger)
                    try await connection.query(
                        "UPDATE signinthrottle SET refused = 0, refusedreportedat = \(now.timeIntervalSince1970) WHERE key = \(waiting.key.text)",
                        logger: logger)
                } else {
                    try await connection.query("UPDATE signinthrottle SET refused = \(refused) WHERE key = \(waiting.key.text)", logger: logger)
                }
                return .refused(until: waiting.next)
            }
            for row in rows {
                let failures = row.failures + 1
                let next = now.addingTimeInterval(throttle.delay(row.key.scope, failures: failures))
                try await connection.query(
                    """
                    INSERT INTO signinthrottle (key, failures, lastfailureat, nextallowedat, refused)
                    VALUES (\(row.key.text), \(failures), \(now.timeIntervalSince1970), \(next.timeIntervalSince1970), 0)
                    ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, lastfailureat = excluded.lastfailureat,
                        nextallowedat = excluded.nextallowedat
                    """, logger: logger)
            }
            return .reserved
        }
    }

    public func clear(_ keys: [SignInThrottle.Key]) async throws {
        try await store.connection { connection in
            try await connection.query("DELETE FROM signinthrottle WHERE key = ANY(\(keys.map(\.text)))", logger: logger)
        }
    }

    public func prune(before date: Date) async throws {
        try await store.connection { connection in
            try await connection.query("DELETE FROM signinthrottle WHERE lastfailureat < \(date.timeIntervalSince1970)", logger: logger)
        }
    }
}
