import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminServices
import MokminTestSupport
import Testing

/// A province serves several cities from one server: each official sees their own city, the province's staff see them
/// all, and administrators choose both on the settings and users pages (or with `mokmin regions city` and
/// `mokmin user city`).
@Suite struct ServedCitiesTests {
    static let sejong = "3611000000", hongcheon = "4272000000"

    static func areaCount(_ html: String) -> Int { html.components(separatedBy: "class=\"area\"").count - 1 }

    @Test(arguments: StoreKind.available) func eachOfficialSeesTheirCityAndTheProvinceSeesAll(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let regions = testApp.services.regions
        try await regions.reload()  // as buildApplication does
        let served = try await regions.setCities("36110, 42720 36110", actor: "admin1")
        #expect(served.map(\.code) == [Self.sejong, Self.hongcheon], "order kept, a code given twice counts once")
        #expect(try await regions.servedCities().map(\.code) == [Self.sejong, Self.hongcheon])
        #expect(try await regions.city()?.code == Self.sejong, "the first is the default")
        let own = try await regions.setUserCity(login: "official1", code: "42720", actor: "admin1")
        #expect(own?.code == Self.hongcheon)
        let registry = regions.registry
        let sejongDongs = registry.children(of: Self.sejong).filter { $0.level == .emd }.count
        let hongcheonDongs = registry.children(of: Self.hongcheon).filter { $0.level == .emd }.count
        #expect(sejongDongs == 20 && hongcheonDongs > 0)

        let app = try await testApp.application()
        try await app.test(.router) { client in
            var official = try await Browser.signedIn(client, login: "official1")
            let mine = String(buffer: try await official.get(client, "/").body)
            #expect(Self.areaCount(mine) == hongcheonDongs)
            #expect(mine.contains("홍천읍") && !mine.contains("조치원읍"))
            let board = String(buffer: try await official.get(client, "/board").body)
            #expect(board.contains("홍천군") && !board.contains("세종특별자치시 ·"))

            var admin = try await Browser.signedIn(client, login: "admin1")
            let all = String(buffer: try await admin.get(client, "/").body)
            #expect(Self.areaCount(all) == sejongDongs + hongcheonDongs, "an account without a city sees every served city")
            #expect(all.contains("홍천읍") && all.contains("조치원읍"))

            let users = String(buffer: try await admin.get(client, "/admin/users").body)
            #expect(users.contains("action=\"/admin/users/official1/city\""))
            #expect(users.contains("<option value=\"\(Self.hongcheon)\" selected>"))

            let set = try await admin.post(client, "/admin/users/analyst1/city", [("city", "36110")])
            #expect(set.status == .seeOther)
            #expect(try await testApp.services.accounts.listUsers().first { $0.login == "analyst1" }?.city == Self.sejong)
            let audit = try await testApp.services.accounts.recentAudit(limit: 5)
            #expect(audit.contains { $0.action == "user.city" && $0.actor == "admin1" && $0.target == "analyst1" })

            let refused = try await admin.post(client, "/admin/users/analyst1/city", [("city", "41111")])
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("서비스하는 시군구가 아닙니다"))
            #expect(try await testApp.services.accounts.listUsers().first { $0.login == "analyst1" }?.city == Self.sejong, "unchanged")

            let cleared = try await admin.post(client, "/admin/users/analyst1/city", [("city", "")])
            #expect(cleared.status == .seeOther)
            #expect(try await testApp.services.accounts.listUsers().first { $0.login == "analyst1" }?.city == nil)
        }
    }

    @Test(arguments: StoreKind.available) func refusedListsChangeNothing(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let regions = testApp.services.regions
        try await regions.reload()  // as buildApplication does
        let tooMany = try await Self.sggCodes(regions, count: 61).joined(separator: " ")
        for (input, fragment) in [
            ("", "하나 이상"), ("99999", "'99999'"), ("3611025000", "'3611025000'"), ("36110 abc", "'abc'"), (tooMany, "60개까지"),
        ] {
            await #expect {
                try await regions.setCities(input, actor: "admin1")
            } throws: { error in
                (error as? MokminError)?.kind == .invalidInput && (error as? MokminError)?.message.ko.contains(fragment) == true
            }
        }
        #expect(try await regions.servedCities().map(\.code) == [Self.sejong])

        await #expect(throws: MokminError.self) { try await regions.setUserCity(login: "official1", code: "42720", actor: nil) }
        await #expect {
            try await regions.setUserCity(login: "nobody", code: nil, actor: nil)
        } throws: { ($0 as? MokminError)?.kind == .notFound }

        let app = try await testApp.application()
        try await app.test(.router) { client in
            var admin = try await Browser.signedIn(client, login: "admin1")
            let bad = try await admin.post(client, "/admin/settings", [("city", "36110 99999")])
            #expect(bad.status == .badRequest)
            let page = String(buffer: bad.body)
            #expect(page.contains("&#39;99999&#39;") && page.contains("value=\"36110 99999\""), "the typed list comes back with the error")
            let good = try await admin.post(client, "/admin/settings", [("city", "36110 42720")])
            #expect(good.status == .ok)
            let saved = String(buffer: good.body)
            #expect(saved.contains("세종특별자치시") && saved.contains("홍천군"))
        }
        #expect(try await regions.servedCities().map(\.code) == [Self.sejong, Self.hongcheon])
    }

    @Test(arguments: StoreKind.available) func anAccountWhoseCityIsNoLongerServedSeesEveryServedCity(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let regions = testApp.services.regions
        try await regions.reload()  // as buildApplication does
        try await regions.setCities("36110 42720", actor: nil)
        try await regions.setUserCity(login: "official1", code: "42720", actor: nil)
        let principal = try #require(try await testApp.services.accounts.principal(forToken: testApp.tokens[.official]!))
        #expect(principal.city == Self.hongcheon, "a token's principal carries its account's city")
        #expect(try await regions.cities(for: principal).map(\.code) == [Self.hongcheon])
        try await regions.setCities("36110", actor: nil)
        #expect(try await regions.cities(for: principal).map(\.code) == [Self.sejong])
        #expect(try await regions.cities(for: nil).map(\.code) == [Self.sejong])
    }

    /// Loading a 시도's bundled 읍면동 for a new city keeps the finer boundaries already held (홍천 is bundled on its own).
    @Test func aBundledProvinceKeepsTheBoundariesAlreadyLoaded() async throws {
        let testApp = try await TestApp.make(on: .sqlite)
        let regions = testApp.services.regions
        try await regions.reload()  // as buildApplication does
        let before = regions.registry.children(of: Self.hongcheon).filter { $0.level == .emd }
        let chuncheon = try #require(try await regions.setCities("42110", actor: nil).first)
        guard case .loaded(let count) = try await regions.loadBundledEMD(for: chuncheon, actor: nil) else {
            Issue.record("강원's 읍면동 should load for 춘천")
            return
        }
        #expect(count > 0)
        #expect(!regions.registry.children(of: chuncheon.code).filter { $0.level == .emd }.isEmpty)
        let after = regions.registry.children(of: Self.hongcheon).filter { $0.level == .emd }
        #expect(after.map(\.code).sorted() == before.map(\.code).sorted())
        for region in before {
            #expect(regions.registry.regions[region.code]?.boundary == region.boundary, "\(region.name) was replaced")
        }
    }

    static func sggCodes(_ regions: RegionService, count: Int) async throws -> [String] {
        Array(regions.registry.regions(level: .sgg).map(\.code).sorted().prefix(count))
    }
}
