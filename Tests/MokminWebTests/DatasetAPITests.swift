import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminGeo
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

@Suite struct DatasetAPITests {
    static let csv = "측정소명,행정동코드,PM10\n조치원읍,3611025000,41\n아름동,3611053000,12\n보람동,3611056000,77\n"

    static func json(_ r: TestResponse) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(buffer: r.body)) }

    @Test(arguments: StoreKind.available) func theOpenAPIDocumentDescribesExactlyTheAPIRoutes(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let (router, _) = buildRouter(testApp.services, views: try await Views.load())
        let routes = Set(
            router.routes.map(\.description).filter { $0.contains(" /api/") || $0.hasSuffix(" /health") }.map { route -> String in
                let parts = route.split(separator: " ")
                let path = parts[1].split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(parts[0]) /\(path)"
            })
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let doc = try Self.json(try await client.execute(uri: "/openapi.json", method: .get))
            #expect(doc.objectValue?["openapi"]?.stringValue == "3.0.3")
            var documented = Set<String>()
            for (path, item) in doc.objectValue?["paths"]?.objectValue ?? [:] {
                for method in item.objectValue?.keys ?? [:].keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            #expect(documented.subtracting(routes).isEmpty, "documented but not served: \(documented.subtracting(routes))")
            #expect(routes.subtracting(documented).isEmpty, "served but not documented: \(routes.subtracting(documented))")
        }
    }

    @Test(arguments: StoreKind.available) func importThroughTheAPIWithADryRunAndRejections(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        let token = testApp.tokens[.analyst]!
        try await app.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "text/csv"]
            let dry = try await client.execute(
                uri: "/api/datasets/air/import?dry_run=true", method: .post, headers: headers, body: ByteBuffer(string: Self.csv))
            #expect(dry.status == .ok)
            #expect(
                try Self.json(dry).objectValue?["columns"]?.arrayValue?.map { $0.objectValue?["type"]?.stringValue } == [
                    "text", "regionCode", "integer",
                ])
            #expect(try await testApp.services.repositories.datasets.count() == 0)

            let published = try await client.execute(
                uri: "/api/datasets/air/import?title=\(Browser.encode("대기질 측정 정보"))&visibility=public&tags=\(Browser.encode("대기,환경"))",
                method: .post, headers: headers, body: ByteBuffer(string: Self.csv))
            #expect(published.status == .created)
            let body = try Self.json(published).objectValue
            #expect(body?["published"] == .bool(true) && body?["region_linked"] == .number(3))
            #expect(body?["version"]?.objectValue?["number"] == .number(1))

            let rejected = try await client.execute(
                uri: "/api/datasets/air/import", method: .post, headers: headers, body: ByteBuffer(string: "측정소명,행정동코드,PM10\n조치원읍,3611025000\n"))
            #expect(rejected.status == .unprocessableContent)
            #expect(try Self.json(rejected).objectValue?["rejected"]?.arrayValue?.first?.objectValue?["line"] == .number(2))
            #expect(try await testApp.services.repositories.datasets.dataset(slug: "air")?.latest?.number == 1)

            let unknown = try await client.execute(
                uri: "/api/datasets/air/import", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/plain"],
                body: ByteBuffer(string: Self.csv))
            #expect(unknown.status == .badRequest)
            #expect(String(buffer: unknown.body).contains("format"))
        }
    }

    @Test(arguments: StoreKind.available) func anonymousReadersDoNotSeeWhoUploaded(_ kind: StoreKind) async throws {
        let testApp = try await CKANAPITests.seeded(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            let anonymous = try Self.json(try await client.execute(uri: "/api/datasets/air-quality", method: .get))
            let version = anonymous.objectValue?["versions"]?.arrayValue?.first?.objectValue
            #expect(version?["number"] == .number(1))
            #expect(version?["created_by"] == nil || version?["created_by"] == .null)
            let official = try Self.json(
                try await client.execute(
                    uri: "/api/datasets/air-quality", method: .get, headers: [.authorization: "Bearer \(testApp.tokens[.official]!)"]))
            #expect(official.objectValue?["versions"]?.arrayValue?.first?.objectValue?["created_by"] == .string("analyst1"))
        }
    }

    @Test(arguments: StoreKind.available) func searchShowRowsAndMetadataEdits(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        let token = testApp.tokens[.analyst]!
        try await app.test(.router) { client in
            _ = try await client.execute(
                uri: "/api/datasets/air/import?title=\(Browser.encode("대기질 측정 정보"))&visibility=public", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: Self.csv))
            let search = try Self.json(try await client.execute(uri: "/api/datasets?q=\(Browser.encode("대기"))", method: .get)).objectValue
            #expect(search?["total"] == .number(1))
            let show = try Self.json(try await client.execute(uri: "/api/datasets/air", method: .get)).objectValue
            #expect(show?["versions"]?.arrayValue?.count == 1)
            let rows = try Self.json(
                try await client.execute(
                    uri: "/api/datasets/air/versions/1/rows?sort=-PM10&filter.\(Browser.encode("측정소명"))=\(Browser.encode("보람동"))", method: .get)
            ).objectValue
            #expect(rows?["total"] == .number(1))
            #expect(rows?["rows"]?.arrayValue?.first?.objectValue?["PM10"] == .number(77))

            let edit = try await client.execute(
                uri: "/api/datasets/air/metadata", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"slug": "air", "title": "세종 대기질", "organization": "환경정책과", "license": "KOGL-2"}"#))
            #expect(edit.status == .ok)
            let record = try #require(try await testApp.services.repositories.datasets.dataset(slug: "air"))
            #expect(record.metadata.title == "세종 대기질" && record.metadata.license == .kogl2 && record.metadata.visibility == .public)
            let renamed = try await client.execute(
                uri: "/api/datasets/air/metadata", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"slug": "air2", "title": "x"}"#))
            #expect(renamed.status == .badRequest)
            let badLicense = try await client.execute(
                uri: "/api/datasets/air/metadata", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"slug": "air", "title": "x", "license": "GPL"}"#))
            #expect(badLicense.status == .badRequest)
            #expect(try await testApp.services.repositories.datasets.dataset(slug: "air")?.metadata.title == "세종 대기질")
        }
    }
}
