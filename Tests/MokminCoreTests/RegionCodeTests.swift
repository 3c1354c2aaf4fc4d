import MokminCore
import Testing

@Suite struct RegionCodeTests {
    @Test func levelsFromCodes() {
        #expect(RegionLevel.of(code: "3600000000") == .sido)
        #expect(RegionLevel.of(code: "3611000000") == .sgg)
        #expect(RegionLevel.of(code: "3611025000") == .emd)
        #expect(RegionLevel.of(code: "36110250") == nil)
        #expect(RegionLevel.of(code: "36110A5000") == nil)
    }

    @Test func shortMOISCodesExpand() {
        #expect(RegionCode.expandMOIS("11110515") == "1111051500")
        #expect(RegionCode.expandMOIS("36110") == "3611000000")
        #expect(RegionCode.expandMOIS("36") == "3600000000")
        #expect(RegionCode.expandMOIS("1234") == nil)
        #expect(RegionCode.digits(" 36110-25000 ") == "3611025000")
        #expect(RegionCode.digits("세종") == nil)
    }

    @Test func parents() {
        #expect(RegionCode.parent(of: "3611025000") == "3611000000")
        #expect(RegionCode.parent(of: "3611000000") == "3600000000")
        #expect(RegionCode.parent(of: "3600000000") == nil)
    }

    @Test func renamedCodesAreEquivalent() {
        // 강원 42 → 51 (2023), 홍천 동면 4272035000 → 영귀미면 4272035200 (and now 5172035200).
        let now = RegionCode.equivalents(of: "5172035200")
        #expect(now.first == "5172035200")
        #expect(now.contains("4272035000"))
        #expect(now.contains("4272035200"))
        #expect(RegionCode.equivalents(of: "4272035000").contains("5172035200"))
        #expect(RegionCode.equivalents(of: "5172000000").contains("4272000000"))
        // 군위군 moved from 경북 47720 to 대구 27720.
        #expect(RegionCode.equivalents(of: "2772025000").contains("4772025000"))
        // An unrelated code has no equivalents.
        #expect(RegionCode.equivalents(of: "3611025000") == ["3611025000"])
    }

    @Test func rolesAreOrdered() {
        #expect(Role.admin > Role.analyst && Role.analyst > Role.official)
        #expect(Role(rawValue: "root") == nil)
    }
}
