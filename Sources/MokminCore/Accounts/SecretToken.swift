/// Random secrets: session ids, CSRF tokens, API tokens and generated passwords.
///
/// Uses the system's cryptographically secure generator (`SystemRandomNumberGenerator`: getrandom(2) on Linux).
public enum SecretToken {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// A random string of `length` letters and digits (62 symbols: about 5.95 bits each).
    public static func make(length: Int = 43) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// An API token: a recognisable prefix and 256 bits of randomness.
    public static func makeAPIToken() -> String { "mkm_" + make(length: 43) }

    /// A password a person can type: 16 letters and digits in four groups.
    public static func makePassword() -> String {
        let raw = make(length: 16)
        return stride(from: 0, to: 16, by: 4).map { i in
            String(raw[raw.index(raw.startIndex, offsetBy: i)..<raw.index(raw.startIndex, offsetBy: i + 4)])
        }.joined(separator: "-")
    }

    /// Compares two secrets in time that does not depend on where they first differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
