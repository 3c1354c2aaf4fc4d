import Foundation
import MokminBase
import MokminCore
@testable import MokminServices
import MokminStore
import MokminTestSupport
import Testing

@Suite struct RegionLoadingTests {
    func expectRefused(_ data: String, level: RegionLevel, mentioning words: [String]) async throws {
        let (database, service) = try await Fixtures.seededDatabase()
        let before = try await service.repositories.regions.count(level: nil)
        let sejongBefore = service.registry.regions["3611025000"]
        do {
            try await service.loadBoundaries(Data(data.utf8), file: "bad.geojson", level: level, actor: "tester")
            Issue.record("the file was accepted")
        } catch let error as MokminError {
            #expect(error.kind == .invalidInput)
            for word in words { #expect(error.message.description.contains(word), "\(error.message) lacks \(word)") }
        }
        #expect(try await service.repositories.regions.count(level: nil) == before)
        #expect(service.registry.regions["3611025000"] == sejongBefore)
        _ = database
    }

    @Test func malformedGeoJSONChangesNothing() async throws {
        try await expectRefused("{\"type\": \"FeatureCollection\", \"features\": [", level: .emd, mentioning: ["bad.geojson"])
        try await expectRefused("[1, 2, 3]", level: .emd, mentioning: ["bad.geojson"])
    }

    @Test func clashingCodesChangeNothing() async throws {
        let square = "{\"type\":\"Polygon\",\"coordinates\":[[[127.2,36.5],[127.21,36.5],[127.21,36.51],[127.2,36.51],[127.2,36.5]]]}"
        let file = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"adm_cd2":"3611025000","adm_nm":"세종특별자치시 조치원읍"},"geometry":\(square)},
             {"type":"Feature","properties":{"adm_cd2":"3611025000","adm_nm":"세종특별자치시 가짜동"},"geometry":\(square)}]}
            """
        try await expectRefused(file, level: .emd, mentioning: ["3611025000", "feature 2", "feature 1"])
    }

    @Test func codesOfTheWrongLevelOrMissingFieldsAreRefused() async throws {
        let square = "{\"type\":\"Polygon\",\"coordinates\":[[[127.2,36.5],[127.21,36.5],[127.21,36.51],[127.2,36.51],[127.2,36.5]]]}"
        try await expectRefused(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"adm_cd2\":\"3611000000\",\"adm_nm\":\"세종\"},\"geometry\":\(square)}]}",
            level: .emd, mentioning: ["adm_cd2", "3611000000", "feature 1"])
        try await expectRefused(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"adm_nm\":\"세종\"},\"geometry\":\(square)}]}",
            level: .emd, mentioning: ["code property"])
        try await expectRefused(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"adm_cd2\":\"3611025000\",\"adm_nm\":\"조치원읍\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[127.2,36.5]}}]}",
            level: .emd, mentioning: ["Polygon"])
    }

    @Test func aGoodFileReplacesRegionsAndIsAudited() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let report = try await service.loadBoundaries(
            try Fixtures.bundledFile("hongcheon_emd_202104.geojson"), file: "hongcheon.geojson", level: .emd, actor: "analyst1")
        #expect(report.loaded == 10)
        #expect(service.registry.children(of: "4272000000").count == 10)
        let audit = try await service.repositories.audit.recent(limit: 1)
        #expect(audit.first?.action == "regions.load")
        #expect(audit.first?.actor == "analyst1")
    }

    @Test func badCrosswalkLinesAreNamed() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let header = "adm_nm\tadm_cd\tadm_cd2\tsgg\tsido\tsidonm\tsgg_emd\tadm_cd8\tsggnm\temd_nm\n"
        let good = "세종특별자치시 세종시 조치원읍\t2901011\t3611025000\t36110\t36\t세종특별자치시\t세종시 조치원읍\t29010110\t세종시\t조치원읍\n"
        let bad = "세종특별자치시 세종시 연기면\t2901031\t36110310\t36110\t36\t세종특별자치시\t세종시 연기면\t29010310\t세종시\t연기면\n"
        do {
            try await service.loadCrosswalk(Data((header + good + bad).utf8), file: "codes.tsv", actor: nil)
            Issue.record("accepted")
        } catch let error as MokminError {
            #expect(error.message.en.contains("codes.tsv, line 3, adm_cd2"))
        }
        #expect(service.registry.lookup(code: "11110530", system: .kostat) != nil)  // the old crosswalk is intact
    }
}
