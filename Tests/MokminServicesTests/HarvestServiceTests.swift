import Foundation
import MokminBase
import MokminCore
@testable import MokminServices
import MokminStore
import MokminTestSupport
import Testing

@Suite struct HarvestServiceTests {
    /// AirKorea's `getCtprvnRltmMesureDnsty` envelope, as recorded.
    static func airKorea(_ items: [(station: String, time: String, pm10: String)]) -> String {
        let list = items.map { #"{"stationName": "\#($0.station)", "sidoName": "세종", "dataTime": "\#($0.time)", "pm10Value": "\#($0.pm10)", "pm10Flag": null}"# }
        return #"{"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL_CODE"}, "body": {"totalCount": \#(items.count), "items": [\#(list.joined(separator: ","))], "pageNo": 1, "numOfRows": 100}}}"#
    }

    static func service() async throws -> HarvestService {
        let (database, regions) = try await Fixtures.seededDatabase()
        let repositories = Repositories.grdb(database)
        return HarvestService(
            harvests: repositories.harvests, datasets: repositories.datasets,
            importer: ImportService(datasets: repositories.datasets, regions: regions),
            http: OutboundHTTP(insideHosts: { RecordedResponseServer.insideHosts }))
    }

    @Test func badSettingsAreRefusedWithTheSameRulesEverywhere() async throws {
        let harvests = try await Self.service()
        let good = NewHarvest(datasetSlug: "air", url: "http://127.0.0.1/air", format: "json", serviceKey: nil, intervalMinutes: 60, uniqueKey: ["stationName"])
        var cases: [NewHarvest] = []
        var bad = good
        bad.url = "ftp://example/air"
        cases.append(bad)
        bad = good
        bad.format = "xml"
        cases.append(bad)
        bad = good
        bad.intervalMinutes = 0
        cases.append(bad)
        bad = good
        bad.uniqueKey = []
        cases.append(bad)
        bad = good
        bad.datasetSlug = "Air Quality"
        cases.append(bad)
        for h in cases {
            await #expect(throws: MokminError.self) { _ = try await harvests.add(h, actor: "admin1") }
        }
        #expect(try await harvests.store.list().isEmpty)
        _ = try await harvests.add(good, actor: "admin1")
        await #expect(throws: MokminError.self) { _ = try await harvests.add(good, actor: "admin1") }  // one per dataset
    }

    @Test func rerunningAHarvestNeverDuplicatesRows() async throws {
        let harvests = try await Self.service()
        let server = RecordedResponseServer()
        server.set("/B552584/ArpltnInforInqireSvc/getCtprvnRltmMesureDnsty", .init(body: Self.airKorea([
            ("아름동", "2026-07-28 17:00", "31"), ("보람동", "2026-07-28 17:00", "-"), ("조치원읍", "2026-07-28 17:00", "45"),
        ])))
        try await server.withRunning { base in
            let harvest = try await harvests.add(
                NewHarvest(
                    datasetSlug: "air-live", url: "\(base)/B552584/ArpltnInforInqireSvc/getCtprvnRltmMesureDnsty?sidoName=%EC%84%B8%EC%A2%85&returnType=json",
                    format: "json", serviceKey: "SECRET-KEY-123", intervalMinutes: 60, uniqueKey: ["stationName", "dataTime"]),
                actor: "admin1")
            let first = try await harvests.run(id: harvest.id)
            #expect(first.rowsAdded == 3 && first.version == 1)
            #expect(server.requests.last?.contains("serviceKey=SECRET-KEY-123") == true)
            #expect(server.requests.last?.contains("sidoName=") == true)

            // The next hour: two stations repeat, one new reading arrives.
            server.set("/B552584/ArpltnInforInqireSvc/getCtprvnRltmMesureDnsty", .init(body: Self.airKorea([
                ("아름동", "2026-07-28 17:00", "31"), ("조치원읍", "2026-07-28 17:00", "45"), ("아름동", "2026-07-28 18:00", "28"),
            ])))
            let second = try await harvests.run(id: harvest.id)
            #expect(second.rowsAdded == 1 && second.version == 2)
            let third = try await harvests.run(id: harvest.id)
            #expect(third.rowsAdded == 0 && third.version == 2)  // nothing new: no new version
            let record = try #require(try await harvests.datasets.dataset(slug: "air-live"))
            #expect(record.latest?.rowCount == 4)
            let listed = try #require(try await harvests.store.list().first)
            #expect(listed.hasServiceKey && listed.lastError == nil && listed.lastRowsAdded == 0)
        }
        // The key is never written anywhere a person reads.
        let encoded = String(decoding: try JSONEncoder().encode(try await harvests.store.list()), as: UTF8.self)
        #expect(!encoded.contains("SECRET-KEY-123"))
    }

    @Test func failuresAreRecordedWithoutTheKeyAndDoNotStopOthers() async throws {
        let harvests = try await Self.service()
        let server = RecordedResponseServer()
        server.set("/down", .init(status: .internalServerError, body: "oops"))
        server.set("/broken", .init(body: #"{"response": {"body": {"items": [{"a": 1}"#))
        server.set("/fine", .init(contentType: "text/csv", body: "이름,값\n가,1\n나,2\n"))
        try await server.withRunning { base in
            for (slug, path, format) in [("down", "/down", "json"), ("broken", "/broken", "json"), ("fine", "/fine", "csv")] {
                _ = try await harvests.add(
                    NewHarvest(datasetSlug: slug, url: base + path, format: format, serviceKey: "TOPSECRET", intervalMinutes: 5, uniqueKey: ["이름"]),
                    actor: nil)
            }
            #expect(await harvests.runDue() == 3)
        }
        let all = try await harvests.store.list()
        let down = try #require(all.first { $0.datasetSlug == "down" })
        #expect(down.lastError?.contains("500") == true)
        #expect(down.lastSuccessAt == nil)
        let broken = try #require(all.first { $0.datasetSlug == "broken" })
        #expect(broken.lastError != nil)
        #expect(all.allSatisfy { !($0.lastError ?? "").contains("TOPSECRET") })
        #expect(all.first { $0.datasetSlug == "fine" }?.lastRowsAdded == 2)
        // Not due again until the interval has passed.
        #expect(await harvests.runDue() == 0)
        #expect(await harvests.runDue(now: Date().addingTimeInterval(6 * 60)) == 3)
    }
}
