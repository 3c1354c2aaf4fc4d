import Foundation
import MokminBase
import MokminCore
@testable import MokminServices
import MokminStore
import Testing

/// Sign-in throttling: the attempt is reserved before the slow hash, delays grow instead of locking anyone out, and
/// refused attempts reach the audit log as counts.
@Suite struct SignInThrottleTests {
    func service() async throws -> AccountService {
        let accounts = AccountService(repositories: .grdb(try AppDatabase.inMemory()), hasher: PasswordHasher(cost: 4, concurrent: 4, queue: 64))
        _ = try await accounts.createUser(login: "kim", name: "김민지", role: .analyst, password: "right-password", actor: nil)
        return accounts
    }

    enum Outcome: Sendable { case verifiedWrong, refused, other }

    @Test func twentyParallelGuessesVerifyAtMostFive() async throws {
        let accounts = try await service()
        let now = Date()
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for i in 0..<20 {
                group.addTask {
                    do {
                        _ = try await accounts.authenticate(login: "kim", password: "guess-\(i)-wrong", origin: "10.0.0.7", now: now)
                        return .other
                    } catch let error as MokminError {
                        return error.kind == .unauthorized ? .verifiedWrong : error.kind == .rateLimited ? .refused : .other
                    } catch {
                        return .other
                    }
                }
            }
            var all: [Outcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let verified = outcomes.filter { $0 == .verifiedWrong }.count
        #expect(verified <= 5, "\(verified) guesses had their password checked")
        #expect(outcomes.filter { $0 == .refused }.count == 20 - verified)
        let failures = try await accounts.repositories.audit.recent(limit: 100).filter { $0.action == "login.failure" }
        #expect(failures.count == verified)
    }

    @Test func delaysGrowAndTheOwnerIsNeverLockedOut() async throws {
        let accounts = try await service()
        let start = Date()
        var now = start
        func attempt(_ password: String) async throws -> Result<String, MokminError> {
            do {
                return .success(try await accounts.authenticate(login: "kim", password: password, origin: "10.0.0.7", now: now).login)
            } catch let error as MokminError {
                return .failure(error)
            }
        }
        for _ in 0..<5 { #expect(try await attempt("wrong-password").isUnauthorized) }
        // The sixth try, even with the right password, must wait the first delay (30 s)…
        #expect(try await attempt("right-password").isRateLimited)
        now = start.addingTimeInterval(29)
        #expect(try await attempt("right-password").isRateLimited)
        // …and then works: the owner is slowed down, never locked out.
        now = start.addingTimeInterval(31)
        #expect(try await attempt("right-password").login == "kim")
        // A correct password clears the count: the next wrong one is free again.
        now = start.addingTimeInterval(32)
        #expect(try await attempt("wrong-password").isUnauthorized)
        // Each failure past the free ones doubles the wait, up to 15 minutes.
        let throttle = SignInThrottle()
        #expect(throttle.delay(.pair, failures: 4) == 0)
        #expect(throttle.delay(.pair, failures: 5) == 30)
        #expect(throttle.delay(.pair, failures: 6) == 60)
        #expect(throttle.delay(.pair, failures: 50) == 900)
        #expect(throttle.delay(.login, failures: 50) == 60)
    }

    @Test func refusedAttemptsAreAuditedAsACount() async throws {
        let accounts = try await service()
        let start = Date()
        for _ in 0..<5 {
            _ = try? await accounts.authenticate(login: "kim", password: "wrong-password", origin: "10.0.0.7", now: start)
        }
        for second in 0..<50 {
            _ = try? await accounts.authenticate(login: "kim", password: "wrong-password", origin: "10.0.0.7", now: start.addingTimeInterval(Double(second) / 10))
        }
        var blocked = try await accounts.repositories.audit.recent(limit: 500).filter { $0.action == "login.blocked" }
        #expect(blocked.count == 1, "one audit entry for a burst of refused attempts, not one each")
        // A minute later the next refusal reports the count of those in between.
        _ = try? await accounts.authenticate(login: "kim", password: "wrong-password", origin: "10.0.0.7", now: start.addingTimeInterval(25))
        blocked = try await accounts.repositories.audit.recent(limit: 500).filter { $0.action == "login.blocked" }
        #expect(blocked.count == 1)
        var later = AccountService(repositories: accounts.repositories, hasher: accounts.hasher)
        later.throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 5, firstDelay: 600, maxDelay: 900)
        _ = try? await later.authenticate(login: "kim", password: "wrong-password", origin: "10.0.0.7", now: start.addingTimeInterval(40))
        blocked = try await accounts.repositories.audit.recent(limit: 500).filter { $0.action == "login.blocked" }
        #expect(blocked.count == 1, "within the minute: counted, not written")
    }

    @Test func oneGoodAccountDoesNotClearItsAddress() async throws {
        let accounts = try await service()
        _ = try await accounts.createUser(login: "lee", name: "이", role: .official, password: "lee-password", actor: nil)
        let now = Date()
        // Guessing at twenty different logins from one address…
        for i in 0..<20 {
            _ = try? await accounts.authenticate(login: "user\(i)", password: "guess-password", origin: "10.0.0.9", now: now)
        }
        // …then signing in to one's own account does not reset the address's count.
        #expect(try await accounts.authenticate(login: "lee", password: "lee-password", origin: "10.0.0.9", now: now.addingTimeInterval(31)).login == "lee")
        await #expect(throws: MokminError.self) {
            _ = try await accounts.authenticate(login: "kim", password: "right-password", origin: "10.0.0.9", now: now.addingTimeInterval(32))
        }
        // The same account from another address is not held up.
        #expect(try await accounts.authenticate(login: "kim", password: "right-password", origin: "10.0.0.10", now: now.addingTimeInterval(32)).login == "kim")
    }

    @Test func bcryptRunsAFewAtATimeAndRefusesPastItsQueue() async throws {
        let gate = BcryptGate(permits: 1, queueLimit: 1)
        let release = DispatchSemaphore(value: 0)
        let first = Task { try await gate.run { release.wait(); return 1 } }
        while await gate.load.running < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await gate.run { 2 } }
        while await gate.load.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        // One runs, one waits: a third is refused at once instead of piling up.
        await #expect(throws: MokminError.self) { _ = try await gate.run { 3 } }
        #expect(await gate.load.running == 1)
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        let load = await gate.load
        #expect(load.running == 0 && load.waiting == 0)
    }
}

extension Result where Success == String, Failure == MokminError {
    var isUnauthorized: Bool { if case .failure(let e) = self { e.kind == .unauthorized } else { false } }
    var isRateLimited: Bool { if case .failure(let e) = self { e.kind == .rateLimited } else { false } }
    var login: String? { if case .success(let login) = self { login } else { nil } }
}

