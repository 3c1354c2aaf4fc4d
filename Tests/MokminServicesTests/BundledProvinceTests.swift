import Foundation
import MokminCore
import MokminGeo
import MokminServices
import MokminTestSupport
import Testing

/// The 읍면동 of 15 시도 ship in a compact archive and load on first use of a city; 전남 and 경북 are not bundled, and
/// a person is told so.
@Suite struct BundledProvinceTests {
    @Test func aCityOfAnotherProvinceGetsItsDongsOnFirstUse() async throws {
        let (_, regions) = try await Fixtures.seededDatabase()
        let city = try await regions.setCity("41111", actor: "admin")  // 수원시 장안구
        #expect(regions.registry.children(of: city.code).isEmpty)
        let availability = try await regions.loadBundledEMD(for: city, actor: "admin")
        guard case .loaded(let count) = availability else {
            Issue.record("expected a load, got \(availability)")
            return
        }
        #expect(count == 551, "경기도's 읍면동")
        // Every loaded 읍면동 lies in its 시군구: its label point is inside the 시군구 boundary.
        let dongs = regions.registry.regions(level: .emd).filter { $0.code.hasPrefix("41") }
        #expect(dongs.count == 551)
        var outside: [String] = []
        for dong in dongs {
            guard let parent = regions.registry.regions[String(dong.code.prefix(5)) + "00000"] else { continue }
            if !parent.boundary.contains(dong.boundary.labelPoint) { outside.append(dong.fullName) }
        }
        #expect(outside.count <= 3, "읍면동 outside their 시군구: \(outside)")
        #expect(!regions.registry.children(of: city.code).isEmpty)
        #expect(try await regions.loadBundledEMD(for: city, actor: "admin") == .present, "once only")
    }

    @Test func aProvinceWithoutBundledDongsIsNamed() async throws {
        let (_, regions) = try await Fixtures.seededDatabase()
        let city = try await regions.setCity("47111", actor: "admin")  // 포항시 남구, 경상북도
        let availability = try await regions.loadBundledEMD(for: city, actor: "admin")
        #expect(availability == .notBundled(province: "경상북도"))
        let notice = try #require(availability.notice)
        #expect(notice.ko.contains("경상북도") && notice.en.contains("regions load"))
    }
}
