import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The stylesheets and scripts under `/static/` (Hummingbird's FileMiddleware): typed, cached for a day, revalidated
/// by ETag, and nothing outside the folder.
@Suite struct StaticFilesTests {
    @Test func assetsAreTypedCachedAndRevalidated() async throws {
        let app = try await TestApp.make().application()
        try await app.test(.router) { client in
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(css.headers[.cacheControl] == "public, max-age=86400")
            let etag = try #require(css.headers[.eTag])
            let again = try await client.execute(uri: "/static/app.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let script = try await client.execute(uri: "/static/board.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType]?.contains("javascript") == true)
            // A path that climbs out of the folder is refused; a file that is not there is not found.
            for outside in ["/static/../Templates/layout.mustache", "/static/%2e%2e/Templates/layout.mustache"] {
                let response = try await client.execute(uri: outside, method: .get)
                #expect(response.status == .badRequest, "\(outside): \(response.status)")
                #expect(!String(buffer: response.body).contains("{{"), "\(outside) shows no template")
            }
            #expect(try await client.execute(uri: "/static/nothing.js", method: .get).status == .notFound)
        }
    }
}
