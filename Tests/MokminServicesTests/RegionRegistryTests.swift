import Foundation
import MokminCore
import MokminGeo
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

@Suite struct RegionRegistryTests {
    /// A point well inside each of Sejong's 20 읍면동 (2021-04 boundaries), computed once and written here.
    static let sejongPoints: [(code: String, name: String, lon: Double, lat: Double)] = [
        ("3611025000", "조치원읍", 127.279834, 36.616423),
        ("3611031000", "연기면", 127.30506, 36.512683),
        ("3611032000", "연동면", 127.326509, 36.550915),
        ("3611033000", "부강면", 127.380069, 36.53258),
        ("3611034000", "금남면", 127.292581, 36.45214),
        ("3611035000", "장군면", 127.200675, 36.506904),
        ("3611036000", "연서면", 127.240187, 36.587855),
        ("3611037000", "전의면", 127.181425, 36.667915),
        ("3611038000", "전동면", 127.255945, 36.668434),
        ("3611039000", "소정면", 127.168842, 36.711362),
        ("3611051000", "한솔동", 127.247197, 36.472453),
        ("3611051500", "새롬동", 127.255861, 36.486937),
        ("3611052000", "도담동", 127.26919, 36.525261),
        ("3611053000", "아름동", 127.251315, 36.520673),
        ("3611054000", "종촌동", 127.247894, 36.502407),
        ("3611055000", "고운동", 127.2324, 36.513783),
        ("3611055500", "소담동", 127.315574, 36.490466),
        ("3611056000", "보람동", 127.288876, 36.477444),
        ("3611057000", "대평동", 127.275887, 36.471192),
        ("3611058000", "다정동", 127.246982, 36.495233),
    ]

    @Test func everySejongAreaHoldsItsPoint() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let registry = service.registry
        #expect(registry.children(of: "3611000000").count == 20)
        for p in Self.sejongPoints {
            let region = registry.region(at: GeoPoint(lon: p.lon, lat: p.lat))
            #expect(region?.code == p.code, "\(p.name) at \(p.lon), \(p.lat)")
            #expect(region?.name == p.name)
            #expect(region?.level == .emd)
        }
    }

    /// Points five metres either side of edges shared by two 읍면동 (same vertices in both boundaries).
    @Test func pointsBesideSharedBordersGoToTheirSide() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let registry = service.registry
        let cases: [(lon: Double, lat: Double, code: String)] = [
            (127.2461471, 36.4993944, "3611054000"), (127.2461379, 36.4993046, "3611058000"),  // 종촌동 | 다정동
            (127.3346854, 36.516277, "3611032000"), (127.3346876, 36.516187, "3611031000"),  // 연동면 | 연기면
            (127.2967895, 36.4815052, "3611055500"), (127.2966995, 36.4814508, "3611056000"),  // 소담동 | 보람동
            (127.3549819, 36.5556866, "3611033000"), (127.3548761, 36.5556554, "3611032000"),  // 부강면 | 연동면
        ]
        for c in cases {
            #expect(registry.region(at: GeoPoint(lon: c.lon, lat: c.lat))?.code == c.code, "\(c.lon), \(c.lat)")
        }
        // The midpoints of those edges, exactly on the border, belong to exactly one of the two sides.
        for i in stride(from: 0, to: cases.count, by: 2) {
            let mid = GeoPoint(lon: (cases[i].lon + cases[i + 1].lon) / 2, lat: (cases[i].lat + cases[i + 1].lat) / 2)
            let holder = registry.region(at: mid)?.code
            #expect(holder == cases[i].code || holder == cases[i + 1].code)
        }
    }

    @Test func aPointInSeoulAnswersItsDistrict() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        // Seoul City Hall: no 읍면동 boundaries are loaded for Seoul, so the answer is its 시군구, 중구.
        let region = service.registry.region(at: GeoPoint(lon: 126.9779, lat: 37.5663))
        #expect(region?.code == "1114000000")
        #expect(region?.level == .sgg)
        #expect(region?.fullName == "서울특별시 중구")
        // The Yellow Sea is in no region.
        #expect(service.registry.region(at: GeoPoint(lon: 125.0, lat: 36.0)) == nil)
    }

    @Test func codeLookupReadsShortAndRenamedCodes() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let registry = service.registry
        #expect(registry.lookup(code: "3611025000")?.code == "3611025000")
        #expect(registry.lookup(code: "36110250")?.code == "3611025000")  // 8 digits
        #expect(registry.lookup(code: "36110")?.code == "3611000000")  // 5 digits
        #expect(registry.lookup(code: "36")?.code == "3600000000")  // 2 digits: derived 시도
        // 홍천 동면 became 영귀미면 (4272035200), and 강원 42 became 51: every vintage finds the loaded boundary.
        for code in ["4272035000", "4272035200", "5172035200", "51720352"] {
            guard case .region(let region)? = registry.lookup(code: code) else {
                Issue.record("\(code) found no region with a boundary")
                continue
            }
            #expect(region.code == "4272035000")
            #expect(region.name == "동면")
        }
        #expect(registry.lookup(code: "51720")?.code == "4272000000")
        #expect(registry.lookup(code: "9999999999") == nil)
        #expect(registry.lookup(code: "abc") == nil)
    }

    @Test func eightDigitCodesAreMOISUnlessKOSTATIsAsked() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let registry = service.registry
        // 11110530: the first 8 digits of MOIS 1111053000 (종로구 사직동), and KOSTAT's code of 노원구 월계3동.
        #expect(registry.lookup(code: "11110530")?.name == "서울특별시 종로구 사직동")
        #expect(registry.lookup(code: "11110530", system: .kostat)?.name == "서울특별시 노원구 월계3동")
        // KOSTAT 7-digit and 5-digit codes, explicitly.
        #expect(registry.lookup(code: "2901011", system: .kostat)?.code == "3611025000")
        #expect(registry.lookup(code: "29010", system: .kostat)?.code == "3611000000")
        #expect(registry.regions["3611025000"]?.kostatCode == "2901011")
        #expect(registry.regions["3611025000"]?.kostatCode8 == "29010110")
    }

    @Test func areasAndProvincesAreReal() async throws {
        let (_, service) = try await Fixtures.seededDatabase()
        let registry = service.registry
        #expect(registry.regions(level: .sgg).count == 250)
        #expect(registry.regions(level: .sido).count == 17)
        #expect(registry.regions(level: .emd).count == 30)
        // Sejong is about 465 km² (KOSTAT: 464.9 km²); the 2021 boundary file gives the same within 1 %.
        let sejong = try #require(registry.regions["3611000000"])
        #expect(abs(sejong.areaSquareKilometres - 465) / 465 < 0.01)
        let sum = registry.children(of: "3611000000").map(\.areaSquareMetres).reduce(0, +)
        #expect(abs(sum - sejong.areaSquareMetres) / sejong.areaSquareMetres < 0.01)
        #expect(registry.regions["1100000000"]?.name == "서울특별시")
    }
}
