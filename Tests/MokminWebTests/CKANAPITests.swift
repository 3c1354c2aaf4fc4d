import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminGeo
import MokminStore
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

@Suite struct CKANAPITests {
    static let columns = [
        DatasetColumn(label: "측정소명", sqlName: "c1", type: .text, nullCount: 0),
        DatasetColumn(label: "PM10", sqlName: "c2", type: .integer, nullCount: 0),
        DatasetColumn(label: "측정일", sqlName: "c3", type: .date, nullCount: 0),
    ]

    static func seeded(on kind: StoreKind = TestApp.defaultStore) async throws -> TestApp {
        let app = try await TestApp.make(on: kind)
        let datasets = app.services.repositories.datasets
        for (slug, title, org, visibility, rows) in [
            ("air-quality", "대기질 측정 정보", "환경정책과", Visibility.public, 30),
            ("bus-stops", "버스 정류장 위치", "교통과", .public, 3),
            ("budget-draft", "대기 개선 예산안", "환경정책과", .internal, 2),
        ] {
            _ = try await datasets.publish(
                DatasetMetadata(slug: slug, title: title, organization: org, tags: [org == "교통과" ? "교통" : "대기"], visibility: visibility),
                version: NewDatasetVersion(
                    fileName: "\(slug).csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: "analyst1"),
                audit: AuditEvent(actor: "analyst1", action: "dataset.publish")
            ) { writer in
                for i in 0..<rows {
                    try writer.append(
                        [.text(["조치원읍", "아름동", "보람동"][i % 3]), .integer(Int64(10 + i)), .date("2026-07-\(10 + i % 20)")], line: i + 2,
                        region: ["3611025000", "3611053000", "3611056000"][i % 3], geometry: nil)
                }
                return nil
            }
        }
        return app
    }

    static func json(_ response: TestResponse) throws -> [String: JSONValue] {
        guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)) else {
            throw HTTPError(.internalServerError, message: "not an object")
        }
        return object
    }

    static func result(_ response: TestResponse) throws -> JSONValue {
        let body = try json(response)
        #expect(body["success"] == .bool(true), "\(String(buffer: response.body))")
        #expect(body["help"]?.stringValue?.contains("help_show") == true)
        return try #require(body["result"])
    }

    @Test(arguments: StoreKind.available) func everyActionAnswersInCKANsEnvelope(_ kind: StoreKind) async throws {
        let seeded = try await Self.seeded(on: kind)
        let app = try await seeded.application()
        try await app.test(.router) { client in
            for prefix in ["/api/action", "/api/3/action"] {
                let list = try Self.result(try await client.execute(uri: "\(prefix)/package_list", method: .get))
                #expect(list == .array([.string("air-quality"), .string("bus-stops")]))
            }
            let status = try Self.result(try await client.execute(uri: "/api/3/action/status_show", method: .get))
            #expect(status.objectValue?["ckan_version"]?.stringValue == "2.10.0")
            let orgs = try Self.result(try await client.execute(uri: "/api/3/action/organization_list", method: .get))
            #expect(orgs == .array([.string("교통과"), .string("환경정책과")]))
            let org = try Self.result(
                try await client.execute(uri: "/api/3/action/organization_show?id=\(Browser.encode("환경정책과"))", method: .get))
            #expect(org.objectValue?["package_count"] == .number(1))
            let tags = try Self.result(try await client.execute(uri: "/api/3/action/tag_list", method: .get))
            #expect(tags == .array([.string("교통"), .string("대기")]))
            let package = try Self.result(try await client.execute(uri: "/api/3/action/package_show?id=air-quality", method: .get))
            let resources = try #require(package.objectValue?["resources"]?.arrayValue)
            #expect(resources.count == 1)
            #expect(package.objectValue?["organization"]?.objectValue?["name"]?.stringValue == "환경정책과")
            let resourceID = try #require(resources.first?.objectValue?["id"]?.stringValue)
            let resource = try Self.result(try await client.execute(uri: "/api/3/action/resource_show?id=\(resourceID)", method: .get))
            #expect(resource.objectValue?["datastore_active"] == .bool(true))
            let byID = try Self.result(
                try await client.execute(uri: "/api/3/action/package_show?id=\(package.objectValue!["id"]!.stringValue!)", method: .get))
            #expect(byID.objectValue?["name"]?.stringValue == "air-quality")
            // Naive UTC with milliseconds, as CKAN writes it, equal to the stored time.
            let created = try #require(package.objectValue?["metadata_created"]?.stringValue)
            let record = try #require(try await seeded.services.repositories.datasets.dataset(slug: "air-quality"))
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            #expect(created + "Z" == formatter.string(from: record.createdAt))
        }
    }

    @Test(arguments: StoreKind.available) func packageSearchFindsKoreanWordsWithFiltersAndFacets(_ kind: StoreKind) async throws {
        let app = try await Self.seeded(on: kind).application()
        try await app.test(.router) { client in
            let hits = try Self.result(
                try await client.execute(
                    uri: "/api/3/action/package_search?q=\(Browser.encode("대기"))&facet.field=\(Browser.encode("[\"organization\",\"tags\"]"))",
                    method: .get))
            #expect(hits.objectValue?["count"] == .number(1))  // the internal 예산안 stays hidden
            let facets = hits.objectValue?["search_facets"]?.objectValue?["organization"]?.objectValue?["items"]?.arrayValue
            #expect(facets?.first?.objectValue?["name"]?.stringValue == "환경정책과")
            let filtered = try Self.result(
                try await client.execute(uri: "/api/3/action/package_search?fq=\(Browser.encode("organization:교통과 tags:\"교통\""))", method: .get))
            #expect(filtered.objectValue?["count"] == .number(1))
            #expect(filtered.objectValue?["results"]?.arrayValue?.first?.objectValue?["name"]?.stringValue == "bus-stops")
            // POST with a JSON body, anonymously and without a CSRF token, as ckanapi sends it.
            let posted = try await client.execute(
                uri: "/api/3/action/package_search", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"q": "", "rows": 1, "start": 1, "sort": "title_string asc"}"#))
            let page = try Self.result(posted)
            #expect(page.objectValue?["count"] == .number(2))
            #expect(page.objectValue?["results"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: StoreKind.available) func internalDatasetsNeedAToken(_ kind: StoreKind) async throws {
        let testApp = try await Self.seeded(on: kind)
        let app = try await testApp.application()
        let token = testApp.tokens[.official]!
        try await app.test(.router) { client in
            let hidden = try await client.execute(uri: "/api/3/action/package_show?id=budget-draft", method: .get)
            #expect(hidden.status == .notFound)
            let body = try Self.json(hidden)
            #expect(body["success"] == .bool(false))
            #expect(body["error"]?.objectValue?["__type"]?.stringValue == "Not Found Error")
            let shown = try await client.execute(uri: "/api/3/action/package_show?id=budget-draft", method: .get, headers: [.ckanKey: token])
            #expect(try Self.result(shown).objectValue?["private"] == .bool(true))
            let list = try Self.result(try await client.execute(uri: "/api/3/action/package_list", method: .get, headers: [.authorization: token]))
            #expect(list.arrayValue?.count == 3)
        }
    }

    @Test(arguments: StoreKind.available) func datastoreSearchFiltersSortsAndPages(_ kind: StoreKind) async throws {
        let app = try await Self.seeded(on: kind).application()
        try await app.test(.router) { client in
            let r = try Self.result(
                try await client.execute(
                    uri: "/api/3/action/datastore_search", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(
                        string:
                            #"{"resource_id": "air-quality", "filters": {"측정소명": "보람동"}, "sort": "PM10 desc", "limit": 3, "offset": 1, "fields": ["측정소명", "PM10"]}"#
                    )))
            let object = try #require(r.objectValue)
            #expect(object["total"] == .number(10))
            let records = try #require(object["records"]?.arrayValue)
            #expect(records.count == 3)
            #expect(records.map { $0.objectValue?["PM10"] } == [.number(36), .number(33), .number(30)])
            #expect(object["fields"]?.arrayValue?.map { $0.objectValue?["id"]?.stringValue } == ["_id", "측정소명", "PM10"])
            #expect(object["fields"]?.arrayValue?.last?.objectValue?["type"]?.stringValue == "int")
            #expect(object["_links"]?.objectValue?["next"]?.stringValue?.contains("offset=4") == true)
        }
    }

    @Test(arguments: StoreKind.available) func errorsFollowCKAN(_ kind: StoreKind) async throws {
        let app = try await Self.seeded(on: kind).application()
        try await app.test(.router) { client in
            let unknown = try await client.execute(uri: "/api/3/action/no_such_action", method: .get)
            #expect(unknown.status == .badRequest)
            #expect(try Self.json(unknown)["success"] == .bool(false))
            let missing = try await client.execute(uri: "/api/3/action/package_show", method: .get)
            #expect(missing.status == .conflict)
            #expect(try Self.json(missing)["error"]?.objectValue?["__type"]?.stringValue == "Validation Error")
            #expect(try Self.json(missing)["error"]?.objectValue?["id"] != nil)
            let badColumn = try await client.execute(
                uri: "/api/3/action/datastore_search?resource_id=air-quality&filters=\(Browser.encode("{\"없는열\": 1}"))", method: .get)
            #expect(badColumn.status == .conflict)
            #expect(String(buffer: badColumn.body).contains("없는열"))
            let badLimit = try await client.execute(uri: "/api/3/action/package_search?rows=-5", method: .get)
            #expect(badLimit.status == .conflict)
            let badBody = try await client.execute(
                uri: "/api/3/action/package_search", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "[1,2"))
            #expect(badBody.status == .badRequest)
            #expect(try Self.json(badBody)["success"] == .bool(false))
        }
    }
}
