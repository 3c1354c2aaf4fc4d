import Foundation

/// What a sign-in attempt may do.
public enum SignInDecision: Sendable, Equatable {
    /// Go ahead and check the password (the attempt is already counted as a failure until it succeeds).
    case reserved
    /// Wait until the given time; the password is not checked.
    case refused(until: Date)
}
