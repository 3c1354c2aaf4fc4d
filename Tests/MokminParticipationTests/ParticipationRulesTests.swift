import Foundation
import MokminBase
import MokminParticipation
import Testing

/// The participation rules that need no database: age bands, codes, the roster file, poll and round validation, and
/// each ballot kind's checks.
@Suite struct ParticipationRulesTests {
    @Test func ageBandsReadAndCount() {
        #expect(AgeBand(age: 9).rawValue == 0 && AgeBand(age: 19).rawValue == 10 && AgeBand(age: 95).rawValue == 70)
        #expect(AgeBand(text: "20대")?.rawValue == 20 && AgeBand(text: "70+")?.rawValue == 70 && AgeBand(text: "30s")?.rawValue == 30)
        #expect(AgeBand(text: "25") == nil && AgeBand(text: "20살") == nil)
        let banded = Resident(id: 1, source: .roster, emdCode: "3611051000", birthYear: nil, ageBand: AgeBand(rawValue: 10))
        #expect(!banded.isAtLeast(18, inYear: 2026) && banded.isAtLeast(10, inYear: 2026))
        let born = Resident(id: 2, source: .code, emdCode: "3611051000", birthYear: 2008, ageBand: nil)
        #expect(born.isAtLeast(18, inYear: 2026) && !born.isAtLeast(19, inYear: 2026))
    }

    @Test func codesAreReadableAndNormalised() {
        let code = ResidentCode.make()
        #expect(code.count == 14 && code.split(separator: "-").count == 3)
        #expect(!code.contains { "01OIL".contains($0) })
        #expect(ResidentCode.normalize(" \(code.lowercased()) ") == code.replacingOccurrences(of: "-", with: ""))
        #expect(ResidentCode.normalize("ABCD-EFGH-IJKL") == nil)  // I and L are not in the alphabet
        #expect(ResidentCode.normalize("ABCD") == nil)
    }

    @Test func aBadRosterNamesItsLineAndField() throws {
        func message(_ text: String) -> String {
            do {
                _ = try RosterFile.parse(text, fileName: "명부.csv", currentYear: 2026)
                return ""
            } catch let error as MokminError { return error.message.en } catch { return "\(error)" }
        }
        #expect(message("identifier,emd_code\nx,3611051000\n").contains("line 1"))
        #expect(message("identifier,emd_code,birth_year\nx,36110510,1990\n").contains("line 2, field emd_code"))
        #expect(message("identifier,emd_code,birth_year\nx,3611051000,1990\ny,3611051000,20x0\n").contains("line 3, field birth_year"))
        #expect(
            message("identifier,emd_code,birth_year\nx,3611051000,1990\nx,3611051000,1991\n").contains(
                "line 3, field identifier: the same identifier as line 2"))
        #expect(message("identifier,emd_code,age_band\nx,3611051000,25\n").contains("line 2, field age_band"))
        #expect(message("identifier,emd_code,birth_year\n").contains("no residents"))
        let entries = try RosterFile.parse("\u{FEFF}식별번호,읍면동코드,연령대\r\nk1,3611051000,20대\r\n", fileName: "r.csv", currentYear: 2026)
        #expect(
            entries == [
                RosterEntry(
                    identifier: "k1", profile: ResidentProfile(emdCode: "3611051000", birthYear: nil, ageBand: AgeBand(rawValue: 20)), line: 2)
            ])
    }

    @Test func aPollIsCheckedBeforeItIsStored() throws {
        let now = Date()
        func poll(_ change: (inout NewPoll) -> Void) -> NewPoll {
            var p = NewPoll(question: "질문", options: ["가", "나"], opensAt: now, closesAt: now.addingTimeInterval(3600))
            change(&p)
            return p
        }
        #expect(throws: MokminError.self) { try poll { $0.options = ["가"] }.validated() }
        #expect(throws: MokminError.self) { try poll { $0.options = ["가", "가"] }.validated() }
        #expect(throws: MokminError.self) { try poll { $0.closesAt = now }.validated() }
        let tooMany = poll {
            $0.multipleChoice = true
            $0.maxChoices = 3
        }
        #expect(throws: MokminError.self) { try tooMany.validated() }
        #expect(throws: MokminError.self) { try poll { $0.areas = ["12345"] }.validated() }
        #expect(throws: MokminError.self) { try poll { $0.closesAt = now.addingTimeInterval(400 * 86_400) }.validated() }
        let ok = try poll {
            $0.options = [" 가 ", "", "나"]
            $0.maxChoices = 5
        }.validated()
        #expect(ok.options == ["가", "나"] && ok.maxChoices == 1)
    }

    static func round(
        _ kind: RoundBallotKind, minProjects: Int = 0, maxProjects: Int? = nil, maxCost: Int64? = nil, maxPoints: Int? = nil, perProject: Int? = nil
    )
        -> (BudgetRound, BudgetDistrict, [BudgetProject])
    {
        let district = BudgetDistrict(id: 1, name: "동부권", budget: 1000, isCityWide: false, areas: ["3611051000"])
        let round = BudgetRound(
            id: 1, title: "t", description: "", phase: .voting, ballotKind: kind, rule: "mes", minProjects: minProjects, maxProjects: maxProjects,
            maxCost: maxCost, maxPoints: maxPoints, maxPointsPerProject: perProject, minAge: 0, votingOpensAt: Date().addingTimeInterval(-60),
            votingClosesAt: Date().addingTimeInterval(60), createdBy: "a", isDemo: false, districts: [district], participants: 0)
        let projects = (1...4).map { (i: Int) -> BudgetProject in
            let cost = Int64(100 * i)
            let feasibility: Feasibility = i == 4 ? .infeasible : .feasible
            let note = i == 4 ? "부지 없음" : ""
            return BudgetProject(
                id: Int64(i), roundID: 1, districtID: 1, code: "P\(i)", title: "사업 \(i)", description: "", category: "", emdCode: nil,
                proposedCost: cost, cost: cost, feasibility: feasibility, reviewNote: note, proposalID: nil, status: .planned, milestones: [],
                isDemo: false)
        }
        return (round, district, projects)
    }

    @Test func eachBallotKindIsChecked() throws {
        let (approval, d, p) = Self.round(.approval, minProjects: 2, maxProjects: 3, maxCost: 500)
        try approval.validate(ballot: [1: 1, 2: 1], district: d, projects: p)
        try approval.validate(ballot: [2: 1, 3: 1], district: d, projects: p)  // exactly the cap
        try approval.validate(ballot: [:], district: d, projects: p)  // an empty ballot for a district is allowed
        #expect(throws: MokminError.self) { try approval.validate(ballot: [1: 1], district: d, projects: p) }  // fewer than 2
        #expect(throws: MokminError.self) { try approval.validate(ballot: [1: 1, 2: 1, 3: 1], district: d, projects: p) }  // 600 won over the 500 cap
        #expect(throws: MokminError.self) { try approval.validate(ballot: [1: 1, 4: 1], district: d, projects: p) }  // infeasible
        #expect(throws: MokminError.self) { try approval.validate(ballot: [1: 1, 2: 2], district: d, projects: p) }  // points on approval
        let (cumulative, _, _) = Self.round(.cumulative, maxPoints: 10, perProject: 6)
        try cumulative.validate(ballot: [1: 6, 2: 4], district: d, projects: p)
        #expect(throws: MokminError.self) { try cumulative.validate(ballot: [1: 6, 2: 5], district: d, projects: p) }
        #expect(throws: MokminError.self) { try cumulative.validate(ballot: [1: 7], district: d, projects: p) }
        let (ordinal, _, _) = Self.round(.ordinal, maxProjects: 2)
        try ordinal.validate(ballot: [3: 1, 1: 2], district: d, projects: p)
        #expect(throws: MokminError.self) { try ordinal.validate(ballot: [3: 1, 1: 3], district: d, projects: p) }
        #expect(throws: MokminError.self) { try ordinal.validate(ballot: [3: 1, 1: 1], district: d, projects: p) }
        #expect(throws: MokminError.self) { try ordinal.validate(ballot: [1: 1, 2: 2, 3: 3], district: d, projects: p) }
        let (one, _, _) = Self.round(.chooseOne)
        try one.validate(ballot: [2: 1], district: d, projects: p)
        #expect(throws: MokminError.self) { try one.validate(ballot: [2: 1, 3: 1], district: d, projects: p) }
    }

    @Test func aRoundIsCheckedBeforeItIsStored() throws {
        let now = Date()
        func round(_ districts: [NewDistrict], kind: RoundBallotKind = .approval, points: Int? = nil) -> NewRound {
            NewRound(
                title: "2027 열린 시민참여예산", ballotKind: kind, rule: "mes-add1-greedy", maxPoints: points, votingOpensAt: now,
                votingClosesAt: now.addingTimeInterval(86_400), districts: districts)
        }
        let east = NewDistrict(name: "동부권", budget: 100, areas: ["3611051000"])
        _ = try round([east, NewDistrict(name: "시 전체", budget: 300, isCityWide: true)]).validated()
        #expect(throws: MokminError.self) { try round([]).validated() }
        #expect(throws: MokminError.self) { try round([east, NewDistrict(name: "서부권", budget: 100, areas: ["3611051000"])]).validated() }
        #expect(throws: MokminError.self) { try round([NewDistrict(name: "빈 권역", budget: 100)]).validated() }
        #expect(throws: MokminError.self) { try round([east], kind: .cumulative).validated() }
        #expect(throws: MokminError.self) { try round([NewDistrict(name: "x", budget: 0, isCityWide: true)]).validated() }
        var badRule = round([east])
        badRule.rule = "borda"
        #expect(throws: MokminError.self) { try badRule.validated() }
    }
}
