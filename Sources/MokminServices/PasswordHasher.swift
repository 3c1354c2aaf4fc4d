import Dispatch
import HummingbirdBcrypt
import MokminCore

/// Hashes and checks passwords with bcrypt, off the cooperative threads (a cost-12 hash takes about a quarter second)
/// and a few at a time: someone hammering the sign-in form queues behind ``BcryptGate``'s permits instead of taking
/// every core, and past its queue gets "busy" at once.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost factor: 12 in production; tests use a low cost to stay fast.
    public var cost: UInt8
    let gate: BcryptGate

    /// `concurrent` hashes run at once (default: all cores but one, at least one); `queue` more may wait.
    public init(cost: UInt8 = 12, concurrent: Int = BcryptGate.defaultPermits, queue: Int = 64) {
        self.cost = cost
        self.gate = BcryptGate(permits: concurrent, queueLimit: queue)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await gate.run { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await gate.run { Bcrypt.verify(password, hash: hash) }
    }
}
