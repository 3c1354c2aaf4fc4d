import Foundation

/// How failed sign-ins slow down later attempts: growing delays, never a lock-out.
///
/// Every attempt is counted under three keys: the login together with the client's address, the login alone, and
/// the address alone. Each key allows some failures freely; after that each further failure makes that key wait
/// twice as long as the one before (30 s, 1 min, 2 min, … for a login from one address) up to its cap. The login alone
/// has short delays (5 s up to a minute), so that nobody can keep an account's owner out for long by guessing at it
/// from elsewhere, while guessing from one address slows to one try in 15 minutes. Failures older than ``forgetAfter`` are forgotten.
public struct SignInThrottle: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        /// One login from one address: someone guessing one account's password.
        case pair
        /// One login from anywhere: guessing spread over many addresses.
        case login
        /// One address, any login: guessing many accounts (an office behind one address has many people, so more
        /// failures are free).
        case origin
    }

    public struct Rule: Sendable {
        public var freeFailures: Int
        /// The wait after the first failure past the free ones; each further failure doubles it.
        public var firstDelay: TimeInterval
        public var maxDelay: TimeInterval
        public init(freeFailures: Int, firstDelay: TimeInterval, maxDelay: TimeInterval) {
            self.freeFailures = freeFailures
            self.firstDelay = firstDelay
            self.maxDelay = maxDelay
        }
    }

    /// A counted key: `pair:kim|10.0.0.7`, `login:kim`, `origin:10.0.0.7`.
    public struct Key: Sendable, Hashable {
        public var scope: Scope
        public var value: String
        public var text: String { "\(scope.rawValue):\(value)" }
    }

    public var rules: [Scope: Rule] = [
        .pair: Rule(freeFailures: 5, firstDelay: 30, maxDelay: 15 * 60), .login: Rule(freeFailures: 10, firstDelay: 5, maxDelay: 60),
        .origin: Rule(freeFailures: 20, firstDelay: 30, maxDelay: 15 * 60),
    ]
    /// A key's failures are forgotten once its last failure is this old.
    public var forgetAfter: TimeInterval = 24 * 3600
    /// Refused attempts are written to the audit log at most once per key in this interval, as a count.
    public var reportEvery: TimeInterval = 60

    public init() {}

    /// The keys an attempt counts under. An attempt from an unknown address counts as coming from one address
    /// named `?` (so it still gets the pair's strict rule), but no address key is counted for it.
    public func keys(login: String, origin: String?) -> [Key] {
        guard let origin, !origin.isEmpty else { return [Key(scope: .pair, value: "\(login)|?"), Key(scope: .login, value: login)] }
        return [Key(scope: .pair, value: "\(login)|\(origin)"), Key(scope: .login, value: login), Key(scope: .origin, value: origin)]
    }

    /// How long a key waits after its `failures`-th failure: nothing while failures are free, then the scope's first
    /// delay, doubling with each further failure, up to its cap.
    public func delay(_ scope: Scope, failures: Int) -> TimeInterval {
        let rule = rules[scope] ?? Rule(freeFailures: 5, firstDelay: 30, maxDelay: 900)
        let over = failures - rule.freeFailures
        guard over >= 0 else { return 0 }
        return min(rule.maxDelay, rule.firstDelay * pow(2, Double(min(over, 30))))
    }
}
