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

@Suite struct DatasetPageTests {
    @Test(arguments: StoreKind.available) func theCatalogFindsATwoSyllableWordWithFacets(_ kind: StoreKind) async throws {
        let app = try await CKANAPITests.seeded(on: kind).application()
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/datasets?q=\(Browser.encode("대기"))", method: .get)
            #expect(r.status == .ok)
            let html = String(buffer: r.body)
            #expect(html.contains("대기질 측정 정보"))
            #expect(!html.contains("대기 개선 예산안"))  // internal, anonymous visitor
            #expect(html.contains("환경정책과"))
            let all = String(buffer: try await client.execute(uri: "/datasets", method: .get).body)
            #expect(all.contains("버스 정류장 위치") && all.contains("공공누리 제1유형"))
            let filtered = String(buffer: try await client.execute(uri: "/datasets?organization=\(Browser.encode("교통과"))", method: .get).body)
            #expect(filtered.contains("버스 정류장 위치") && !filtered.contains("대기질 측정 정보"))
        }
    }

    @Test(arguments: StoreKind.available) func signedInOfficialsSeeInternalDatasets(_ kind: StoreKind) async throws {
        let app = try await CKANAPITests.seeded(on: kind).application()
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/datasets/budget-draft", method: .get)
            #expect(anonymous.status == .notFound)
            var official = try await Browser.signedIn(client, login: "official1")
            let page = try await official.get(client, "/datasets/budget-draft")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("대기 개선 예산안"))
            let list = String(buffer: try await official.get(client, "/datasets?q=\(Browser.encode("대기"))").body)
            #expect(list.contains("대기 개선 예산안"))
        }
    }

    @Test(arguments: StoreKind.available) func theDatasetPageShowsProfilePreviewAndMap(_ kind: StoreKind) async throws {
        let app = try await CKANAPITests.seeded(on: kind).application()
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/datasets/air-quality?sort=PM10&desc=1", method: .get)
            #expect(r.status == .ok)
            let html = String(buffer: r.body)
            #expect(html.contains("<td>39</td>"))  // the largest PM10 first
            #expect(html.contains("class=\"histogram\""))
            #expect(html.contains("조치원읍 (10)"))  // top values of the station column
            #expect(html.components(separatedBy: "class=\"area\"").count - 1 == 20)  // the map of Sejong's 읍면동
            #expect(html.contains("1 / 2"))  // 30 rows, 25 per page
            let filtered = String(
                buffer: try await client.execute(
                    uri: "/datasets/air-quality?fcol=\(Browser.encode("측정소명"))&fval=\(Browser.encode("보람동"))", method: .get
                ).body)
            #expect(filtered.contains("(10 행)"))
            let missing = try await client.execute(uri: "/datasets/air-quality?version=9", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: StoreKind.available) func downloadsInEveryFormat(_ kind: StoreKind) async throws {
        let app = try await CKANAPITests.seeded(on: kind).application()
        try await app.test(.router) { client in
            let csv = try await client.execute(uri: "/datasets/air-quality/download?format=csv", method: .get)
            #expect(csv.status == .ok)
            let bytes = Array(Data(buffer: csv.body))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])  // BOM, so that Excel reads UTF-8
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("측정소명,PM10,측정일\r\n조치원읍,10,2026-07-10\r\n"))
            #expect(text.components(separatedBy: "\r\n").count == 32)
            #expect(csv.headers[.contentDisposition]?.contains("air-quality-v1.csv") == true)

            let cp949 = try await client.execute(uri: "/datasets/air-quality/download?format=csv&encoding=cp949", method: .get)
            // "측정소명" in CP949 (printf '측정소명' | iconv -f UTF-8 -t CP949 | xxd).
            #expect(Array(Data(buffer: cp949.body).prefix(8)) == [0xC3, 0xF8, 0xC1, 0xA4, 0xBC, 0xD2, 0xB8, 0xED])

            let json = try await client.execute(uri: "/datasets/air-quality/download?format=json", method: .get)
            let rows = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: json.body))
            #expect(rows.arrayValue?.count == 30)
            #expect(rows.arrayValue?.first?.objectValue?["PM10"] == .number(10))

            let geojson = try await client.execute(uri: "/datasets/air-quality/download?format=geojson", method: .get)
            let features = try GeoJSON.decodeFeatureCollection(Data(buffer: geojson.body))
            #expect(features.count == 30)
            #expect(features.first?.properties["_region"]?.stringValue == "3611025000")

            let bad = try await client.execute(uri: "/datasets/air-quality/download?format=xls", method: .get)
            #expect(bad.status == .badRequest)
        }
    }
}
