import Foundation
import MokminCore

/// The counts behind sign-in throttling, shared by every server process through the database.
public protocol SignInThrottleRepository: Sendable {
    /// Decides an attempt atomically. When any key is still waiting out a delay, refuses it (counting the refusal;
    /// refusals reach the audit log at most once per key per ``SignInThrottle/reportEvery``, as a count). Otherwise
    /// counts a failure for every key *before* the password is checked, and sets each key's next delay: parallel
    /// guesses cannot all pass the check that comes before the slow hash.
    func reserve(_ keys: [SignInThrottle.Key], throttle: SignInThrottle, login: String, origin: String?, now: Date) async throws -> SignInDecision
    /// Forgets the failures of `keys` (after a right password).
    func clear(_ keys: [SignInThrottle.Key]) async throws
    /// Drops the keys whose last failure is older than `date`.
    func prune(before date: Date) async throws
}
