import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminDemo
import MokminTestSupport
import MokminWeb
import Testing

@testable import MokminServices

/// The analysis pages, used through forms as an analyst and an official would, on the demo's synthetic inputs.
@Suite(.serialized) struct AnalysisPageTests {
    static func app(on kind: StoreKind = TestApp.defaultStore) async throws -> TestApp {
        let testApp = try await TestApp.make(on: kind)
        try await AnalysisDemo(importer: testApp.services.importer, catalog: testApp.services.catalog).installIfNeeded(days: 7)
        return testApp
    }

    /// Waits until every saved run has finished (the application's runner executes them in the background).
    static func waitForRuns(_ testApp: TestApp) async throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            await testApp.services.analysisRunner.drain()
            let runs = try await testApp.services.repositories.analyses.list(sharedOnly: false, limit: 100)
            if runs.allSatisfy(\.status.isFinal) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the runs did not finish within 120 s")
    }

    @Test(arguments: StoreKind.available) func anAnalystRunsSharesAndExportsAnEVSiting(_ kind: StoreKind) async throws {
        let testApp = try await Self.app(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let page = String(buffer: try await analyst.get(client, "/analyses").body)
            #expect(page.contains("sejong-ev-chargers") && page.contains("전기차 충전소 입지"))
            let bad = try await analyst.post(
                client, "/analyses/ev",
                [
                    ("population", "sejong-living-population"), ("chargers", "sejong-ev-chargers"), ("candidates", "sejong-parking-lots"),
                    ("radius", "0"), ("p", "5"),
                ])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("반경"))
            let started = try await analyst.post(
                client, "/analyses/ev",
                [
                    ("population", "sejong-living-population"), ("chargers", "sejong-ev-chargers"), ("candidates", "sejong-parking-lots"),
                    ("radius", "500"), ("p", "5"),
                ])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let running = String(buffer: try await analyst.get(client, location).body)
            #expect(running.contains("http-equiv=\"refresh\""), "the page follows a queued run")
            try await Self.waitForRuns(testApp)
            let done = String(buffer: try await analyst.get(client, location).body)
            #expect(done.contains("class=\"mokmin-map\"") && done.contains("설치 후 충족") && done.contains("합성 데이터") && !done.contains("http-equiv"))
            #expect(done.components(separatedBy: "<li>").count - 1 >= 5, "five chosen sites are listed")

            var official = try await Browser.signedIn(client, login: "official1")
            #expect(try await official.get(client, location).status == .notFound, "not shared yet")
            #expect(try await analyst.post(client, location + "/share", []).status == .seeOther)
            #expect(try await official.get(client, location).status == .ok)
            let csv = try await official.get(client, location + "/export?format=csv")
            #expect(csv.status == .ok && String(buffer: csv.body).contains("읍면동,수요,기존 충족,설치 후 충족"))
            let geojson = try await official.get(client, location + "/export?format=geojson")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: geojson.body)) as? [String: Any]
            #expect((json?["features"] as? [Any])?.count ?? 0 > 20)
        }
    }

    @Test(arguments: StoreKind.available) func livingPopulationHasAnHourlyMapAndAShelterRunShowsGaps(_ kind: StoreKind) async throws {
        let testApp = try await Self.app(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var analyst = try await Browser.signedIn(client, login: "analyst1")
            let lp = try await analyst.post(
                client, "/analyses/living-population", [("population", "sejong-living-population"), ("day_type", "weekday")])
            let shelter = try await analyst.post(
                client, "/analyses/shelter",
                [("population", "sejong-living-population"), ("shelters", "sejong-earthquake-shelters"), ("candidates", ""), ("walk", "500")])
            try await Self.waitForRuns(testApp)
            let lpPage = try #require(lp.headers[.location])
            let html = String(buffer: try await analyst.get(client, lpPage + "?hour=14").body)
            #expect(html.contains("id=\"hour-slider\"") && html.contains("생활인구 14:00") && html.contains("도담동"))
            let map = try await analyst.get(client, lpPage + "/map?hour=3")
            #expect(map.status == .ok && String(buffer: map.body).hasPrefix("<svg") && String(buffer: map.body).contains("03:00"))
            #expect(try await analyst.get(client, lpPage + "/map?hour=30").status == .badRequest)
            let shelterHTML = String(buffer: try await analyst.get(client, try #require(shelter.headers[.location])).body)
            #expect(shelterHTML.contains("대피소 미도달") && shelterHTML.contains("고운동"))
        }
    }
}
