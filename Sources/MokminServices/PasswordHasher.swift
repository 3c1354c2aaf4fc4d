import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt, off the caller's thread (a cost-12 hash takes about a quarter second).
public struct PasswordHasher: Sendable {
    /// The bcrypt cost factor: 12 in production; tests use a low cost to stay fast.
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await offload { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
