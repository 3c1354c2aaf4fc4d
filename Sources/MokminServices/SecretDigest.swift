import Crypto
import Foundation

/// The stored form of a session id or an API token: the hex SHA-256 (swift-crypto) of the secret.
///
/// Tokens are 256-bit random values, so a fast hash is the right tool here (passwords use bcrypt instead).
enum SecretDigest {
    static func hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
