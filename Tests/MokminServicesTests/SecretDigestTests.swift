import MokminCore
@testable import MokminServices
import Testing

@Suite struct SecretDigestTests {
    @Test func knownVectors() {
        // FIPS 180-4 examples.
        #expect(SecretDigest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretDigest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SecretDigest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Korean text hashes its UTF-8 bytes (checked with `printf '목민' | sha256sum`).
        #expect(SecretDigest.hex("목민") == "3045a3b6de14cea18aaa3868e348f771cd58ce21ae666df0276a1cd8230497e2")
    }

    @Test func secretsDiffer() {
        let a = SecretToken.makeAPIToken(), b = SecretToken.makeAPIToken()
        #expect(a != b)
        #expect(a.hasPrefix("mkm_") && a.count == 47)
        #expect(SecretToken.constantTimeEquals(a, a))
        #expect(!SecretToken.constantTimeEquals(a, b))
        #expect(SecretToken.makePassword().count == 19)
    }
}
