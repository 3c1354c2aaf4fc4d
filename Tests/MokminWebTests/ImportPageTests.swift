import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminStore
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

@Suite struct ImportPageTests {
    static func multipart(_ fields: [(String, String)], file: (name: String, bytes: [UInt8])) -> (String, ByteBuffer) {
        let boundary = "----mokmin\(UUID().uuidString.prefix(8))"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    static func upload(_ client: some TestClientProtocol, _ browser: inout Browser, name: String, text: String, csrf: String? = nil)
        async throws -> TestResponse
    {
        let (type, body) = multipart([("format", "auto"), ("encoding", "auto")], file: (name, Array(text.utf8)))
        var headers = browser.cookieHeader
        headers[.contentType] = type
        let response = try await client.execute(
            uri: "/datasets/import?csrf_token=\(csrf ?? browser.csrf)", method: .post, headers: headers, body: body)
        browser.absorb(response)
        return response
    }

    static func draft(_ html: String) -> String? {
        guard let range = html.range(of: "/datasets/import/") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "/" })
    }

    @Test(arguments: StoreKind.available) func anAnalystUploadsReviewsAndPublishes(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let form = try await analyst.get(client, "/datasets/import")
            #expect(form.status == .ok)
            let csv = "측정소명,행정동코드,PM10\n조치원읍,3611025000,41\n아름동,3611053000,12\n"
            let review = try await Self.upload(client, &analyst, name: "대기 air.csv", text: csv)
            #expect(review.status == .ok)
            let html = String(buffer: review.body)
            #expect(html.contains("행정동코드") && html.contains("value=\"regionCode\" selected"))
            let draft = try #require(Self.draft(html))
            let published = try await analyst.post(
                client, "/datasets/import/\(draft)/publish",
                [
                    ("slug", "air-web"), ("title", "웹으로 올린 대기질"), ("tags", "대기, 환경"), ("visibility", "public"), ("license", "KOGL-1"),
                    ("type_0", "text"), ("type_1", "regionCode"), ("type_2", "decimal"),
                ])
            #expect(published.status == .seeOther)
            #expect(published.headers[.location] == "/datasets/air-web?version=1")
            let version = try #require(try await testApp.services.repositories.datasets.dataset(slug: "air-web")?.latest)
            #expect(version.columns.map(\.type) == [.text, .regionCode, .decimal])  // the analyst's override
            #expect(version.createdBy == "analyst1")
            let page = try await analyst.get(client, "/datasets/air-web")
            #expect(String(buffer: page.body).contains("웹으로 올린 대기질"))
            // The draft is gone once published.
            let again = try await analyst.post(client, "/datasets/import/\(draft)/publish", [("slug", "x2"), ("title", "x")])
            #expect(again.status == .notFound)
        }
    }

    @Test(arguments: StoreKind.available) func rejectedRowsAreShownAndCanBeSkipped(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let review = try await Self.upload(client, &analyst, name: "broken.csv", text: "이름,값\n가,1\n나,2,3\n다,4\n")
            let draft = try #require(Self.draft(String(buffer: review.body)))
            let refused = try await analyst.post(client, "/datasets/import/\(draft)/publish", [("slug", "broken"), ("title", "깨진 파일")])
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("line 3"))
            #expect(try await testApp.services.repositories.datasets.count() == 0)
            let skipped = try await analyst.post(
                client, "/datasets/import/\(draft)/publish", [("slug", "broken"), ("title", "깨진 파일"), ("skip_bad_rows", "1")])
            #expect(skipped.status == .seeOther)
            #expect(try await testApp.services.repositories.datasets.dataset(slug: "broken")?.latest?.rowCount == 2)
            // The report stays with the version and shows on the dataset page.
            let page = String(buffer: try await analyst.get(client, "/datasets/broken").body)
            #expect(page.contains("가져오기 보고") && page.contains("line 3"))
            // The metadata form changes the title and keeps the slug.
            let edited = try await analyst.post(client, "/datasets/broken/edit", [("title", "고친 제목"), ("tags", "시험"), ("visibility", "public")])
            #expect(edited.status == .seeOther)
            let record = try #require(try await testApp.services.repositories.datasets.dataset(slug: "broken"))
            #expect(record.metadata.title == "고친 제목" && record.metadata.tags == ["시험"] && record.metadata.visibility == .public)
            let blank = try await analyst.post(client, "/datasets/broken/edit", [("title", " ")])
            #expect(blank.status == .badRequest)
        }
    }

    @Test(arguments: StoreKind.available) func badMetadataKeepsTheDraftAndCancelRemovesIt(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let review = try await Self.upload(client, &analyst, name: "a.csv", text: "a,b\n1,2\n")
            let draft = try #require(Self.draft(String(buffer: review.body)))
            let bad = try await analyst.post(client, "/datasets/import/\(draft)/publish", [("slug", "Bad Slug"), ("title", "t")])
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("slug"))
            let cancelled = try await analyst.post(client, "/datasets/import/\(draft)/cancel", [])
            #expect(cancelled.status == .seeOther)
            let gone = try await analyst.post(client, "/datasets/import/\(draft)/publish", [("slug", "good"), ("title", "t")])
            #expect(gone.status == .notFound)
            #expect(try await testApp.services.repositories.datasets.count() == 0)
        }
    }

    @Test(arguments: StoreKind.available) func anUploadWithoutTheCSRFTokenIsRefused(_ kind: StoreKind) async throws {
        let app = try await TestApp.make(on: kind).application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let r = try await Self.upload(client, &analyst, name: "a.csv", text: "a,b\n1,2\n", csrf: "forged")
            #expect(r.status == .forbidden)
            // Another analyst's drafts are not yours.
            var first = try await Browser.signedIn(client, login: "analyst1")
            let review = try await Self.upload(client, &first, name: "a.csv", text: "a,b\n1,2\n")
            let draft = try #require(Self.draft(String(buffer: review.body)))
            var official = try await Browser.signedIn(client, login: "official1")
            let denied = try await official.post(client, "/datasets/import/\(draft)/cancel", [])
            #expect(denied.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.available) func anUploadWithHundredsOfFieldsIsRefused(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            _ = try await analyst.get(client, "/datasets/import")
            let fields = (0..<400).map { ("field\($0)", String(repeating: "x", count: 60_000)) }
            let (type, body) = Self.multipart(fields, file: ("a.csv", Array("a,b\n1,2\n".utf8)))
            var headers = analyst.cookieHeader
            headers[.contentType] = type
            let r = try await client.execute(uri: "/datasets/import?csrf_token=\(analyst.csrf)", method: .post, headers: headers, body: body)
            #expect(r.status == .badRequest)
            #expect(String(buffer: r.body).contains("양식의 항목이 너무 많습니다"))
            #expect(try await testApp.services.repositories.datasets.count() == 0)
        }
    }
}
