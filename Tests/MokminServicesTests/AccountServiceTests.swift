import Foundation
import MokminBase
import MokminCore
@testable import MokminServices
import MokminStore
import Testing

@Suite struct AccountServiceTests {
    func service() throws -> AccountService {
        AccountService(repositories: .grdb(try AppDatabase.inMemory()), hasher: PasswordHasher(cost: 4))
    }

    @Test func aLoginThatExistsIsRefusedAndNothingChanges() async throws {
        let accounts = try service()
        _ = try await accounts.createUser(login: "kim", name: "김민지", role: .analyst, password: "correct-horse", actor: nil)
        await #expect(throws: MokminError.self) {
            _ = try await accounts.createUser(login: "kim", name: "다른 사람", role: .admin, password: "another-pass", actor: nil)
        }
        let users = try await accounts.listUsers()
        #expect(users.count == 1)
        #expect(users.first?.role == .analyst)
        #expect(users.first?.name == "김민지")
    }

    @Test func badAccountInputIsRefused() async throws {
        let accounts = try service()
        for (login, name, password) in [("kim", "김", ""), ("kim", "김", "short"), ("Kim!", "김", "long-enough"), ("kim", "  ", "long-enough"),
            ("kim", "김", String(repeating: "가", count: 25))]
        {
            do {
                _ = try await accounts.createUser(login: login, name: name, role: .official, password: password, actor: nil)
                Issue.record("accepted \(login) \(name) \(password)")
            } catch let error as MokminError {
                #expect(error.kind == .invalidInput)
            }
        }
        #expect(try await accounts.listUsers().isEmpty)
        do {
            _ = try await accounts.createUser(login: "kim", name: "김", role: .official, password: "", actor: nil)
        } catch let error as MokminError {
            #expect(error.message.en == "The password is empty")
            #expect(error.message.ko == "비밀번호가 비어 있습니다")
        }
    }

    @Test func wrongPasswordsAreRefusedAndAudited() async throws {
        let accounts = try service()
        _ = try await accounts.createUser(login: "lee", name: "이", role: .official, password: "right-password", actor: "admin")
        await #expect(throws: MokminError.self) {
            _ = try await accounts.authenticate(login: "lee", password: "wrong-password", origin: "10.0.0.9")
        }
        await #expect(throws: MokminError.self) {
            _ = try await accounts.authenticate(login: "nobody", password: "whatever1", origin: "10.0.0.9")
        }
        let user = try await accounts.authenticate(login: "lee", password: "right-password", origin: "10.0.0.9")
        #expect(user.login == "lee")
        let events = try await accounts.repositories.audit.recent(limit: 10)
        #expect(events.contains { $0.action == "login.failure" && $0.target == "lee" && $0.detail == "wrong password" && $0.origin == "10.0.0.9" })
        #expect(events.contains { $0.action == "login.failure" && $0.target == "nobody" && $0.detail == "unknown login" })
        #expect(events.contains { $0.action == "user.create" && $0.actor == "admin" && $0.target == "lee" })
    }

    @Test func theRateLimitEngagesAndPasses() async throws {
        var accounts = try service()
        accounts.throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 3, firstDelay: 30, maxDelay: 60)
        _ = try await accounts.createUser(login: "park", name: "박", role: .official, password: "right-password", actor: nil)
        let start = Date()
        for _ in 0..<3 {
            await #expect(throws: MokminError.self) {
                _ = try await accounts.authenticate(login: "park", password: "wrong-guess", origin: nil, now: start)
            }
        }
        do {
            _ = try await accounts.authenticate(login: "park", password: "right-password", origin: nil, now: start)
            Issue.record("the right password got through while limited")
        } catch let error as MokminError {
            #expect(error.kind == .rateLimited)
        }
        // After the delay (30 s after the third failure) the right password works again: no lock-out.
        let later = start.addingTimeInterval(accounts.throttle.delay(.pair, failures: 3) + 1)
        #expect(try await accounts.authenticate(login: "park", password: "right-password", origin: nil, now: later).login == "park")
    }

    @Test func disablingEndsSessionsAndTokens() async throws {
        let accounts = try service()
        let user = try await accounts.createUser(login: "choi", name: "최", role: .analyst, password: "right-password", actor: nil)
        let (cookie, _) = try await accounts.startSession(for: user, origin: nil)
        let (_, secret) = try await accounts.createToken(login: "choi", label: "", displayOnly: false, actor: nil)
        #expect(try await accounts.principal(forSessionCookie: cookie)?.login == "choi")
        #expect(try await accounts.principal(forToken: secret)?.login == "choi")
        try await accounts.disable(login: "choi", actor: "admin")
        #expect(try await accounts.principal(forSessionCookie: cookie) == nil)
        #expect(try await accounts.principal(forToken: secret) == nil)
        await #expect(throws: MokminError.self) {
            _ = try await accounts.authenticate(login: "choi", password: "right-password", origin: nil)
        }
    }

    @Test func tokensAreStoredHashed() async throws {
        let database = try AppDatabase.inMemory()
        let accounts = AccountService(repositories: .grdb(database), hasher: PasswordHasher(cost: 4))
        _ = try await accounts.createUser(login: "jung", name: "정", role: .official, password: "right-password", actor: nil)
        let (token, secret) = try await accounts.createToken(login: "jung", label: "wall", displayOnly: true, actor: nil)
        let stored = try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT tokenHash FROM apiToken") }
        #expect(stored == SecretDigest.hex(secret))
        #expect(stored != secret)
        try await accounts.revokeToken(id: token.id, actor: nil)
        #expect(try await accounts.principal(forToken: secret) == nil)
        await #expect(throws: MokminError.self) { try await accounts.revokeToken(id: token.id, actor: nil) }
    }
}

import GRDB

@Suite struct SessionExpiryTests {
    @Test func expiredSessionsNoLongerAuthenticateAndAreSwept() async throws {
        var accounts = AccountService(repositories: .grdb(try AppDatabase.inMemory()), hasher: PasswordHasher(cost: 4))
        accounts.sessionLifetime = -1  // already expired when made
        let user = try await accounts.createUser(login: "han", name: "한", role: .official, password: "right-password", actor: nil)
        let (cookie, _) = try await accounts.startSession(for: user, origin: nil)
        #expect(try await accounts.principal(forSessionCookie: cookie) == nil)
        #expect(try await accounts.repositories.sessions.deleteExpired(now: Date()) == 1)
        #expect(try await accounts.repositories.sessions.deleteExpired(now: Date()) == 0)
    }
}
