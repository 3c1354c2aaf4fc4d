import MokminServices
import Testing

/// What errors, logs and the audit log may show of a URL: never the query string in messages, never a secret value
/// in the audit log.
@Suite struct OutboundURLTests {
    @Test func onlyHTTPAndHTTPSAreRequested() throws {
        for url in ["ftp://example.org/a", "file:///etc/passwd", "gopher://x/", "http+unix://%2Ftmp%2Fs/", "unix:///tmp/s", "mailto:a@b", "//x/y"] {
            let error = #expect(throws: OutboundError.self) { try OutboundURL(url) }
            #expect(error?.code == .scheme || error?.code == .invalidURL, "\(url)")
        }
        #expect(try OutboundURL("HTTPS://Example.org/a").scheme == "https")
        #expect(try OutboundURL("http://[::1]:8080/a").host == "::1")
    }

    @Test func messagesShowNeitherQueryNorUserNorTokens() throws {
        let url = try OutboundURL("http://user:pw@api.example.org:8080/B552584/get?serviceKey=SECRET&x=1#top", query: [("key", "MORE-SECRET")])
        #expect(url.display == "http://api.example.org:8080/B552584/get")
        #expect(url.url.absoluteString.contains("key=MORE-SECRET"), "the appended parameters are sent")
        let hook = try OutboundURL("https://hooks.example.org/services/T000/B000/AbCdEfGhIjKlMnOpQrStUvWx12")
        #expect(hook.display == "https://hooks.example.org/services/T000/B000/***")
    }

    @Test func theAuditFormMasksSecretValuesOnly() {
        let redacted = OutboundURL.redacted(
            "https://u:pw@apis.data.go.kr/B552584/getCtprvnRltmMesureDnsty?serviceKey=SECRET%2B1&sidoName=%EC%84%B8%EC%A2%85&myKey=S2",
            extraSecrets: ["MyKey"])
        #expect(!redacted.contains("SECRET") && !redacted.contains("S2") && !redacted.contains(":pw@"))
        #expect(redacted.contains("serviceKey=***") && redacted.contains("myKey=***") && redacted.contains("sidoName="))
        #expect(redacted.hasPrefix("https://u:***@apis.data.go.kr/B552584/getCtprvnRltmMesureDnsty?"))
    }
}
