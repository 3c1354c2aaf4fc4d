import MokminBase
import MokminBudget
import Testing

/// The `.pb` reader and writer: what real files contain, and the line and field named for each bad one.
@Suite struct PBFileTests {
    static let small = #"""
        META
        key;value
        budget;1000,50
        vote_type;cumulative
        max_sum_points;5
        max_points;3
        PROJECTS
        project_id;cost;name;category
        1;500,25;"Park; with a bench";none
        2;300;"Library ""open late""";culture
        VOTES
        voter_id;vote;points;age
        a;1,2;3,2;34
        b;2;1;None

        """#

    @Test func readsCommasQuotesNoneCRLFAndABOM() throws {
        let text = "\u{FEFF}" + Self.small.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "META", with: "meta")
        let e = try PBFile.parse(text, fileName: "small.pb")
        #expect(e.budget == Rational(2001, 2))
        #expect(e.kind == .cumulative)
        #expect(e.projects.map(\.cost) == [Rational(50025, 100), Rational(300)])
        #expect(e.projects[0].name == "Park; with a bench")
        #expect(e.projects[1].name == "Library \"open late\"")
        #expect(e.projects[0].extra.isEmpty)
        #expect(e.projects[1].extra == [PBField("category", "culture")])
        #expect(e.ballots[0].points == [3, 2])
        #expect(e.ballots[1].extra.isEmpty)
        #expect(e.rules.maxSumPoints == 5 && e.rules.maxPoints == 3)
        let again = try PBFile.parse(PBFile.write(e), fileName: "again.pb")
        #expect(again == e)
    }

    @Test func chooseOneIsReadAndCountedAsApproval() throws {
        let e = try election(
            "META\nkey;value\nbudget;10\nvote_type;choose-1\nPROJECTS\nproject_id;cost\nx;6\ny;6\nVOTES\nvoter_id;vote\n1;x\n2;x\n3;y\n")
        #expect(e.kind == .chooseOne && e.kind.countsAsApproval)
        #expect(PBRules.run(e, rule: .greedy).selected == ["x"])
    }

    /// Each bad file names the line and field, in both languages.
    @Test(arguments: [
        ("VOTES\nvoter_id;vote\n1;1,7\n", 12, "vote", "unknown project '7'"),
        ("VOTES\nvoter_id;vote\n1;1,1\n", 12, "vote", "named twice"),
        ("", 10, "VOTES", "the VOTES section is missing"),
    ])
    func approvalFilesWithAProblemAreRefused(votes: String, line: Int, field: String, english: String) throws {
        let text = "META\nkey;value\nbudget;100\nvote_type;approval\nmax_length;3\nPROJECTS\nproject_id;cost\n1;50\n2;50\n" + votes
        let error = #expect(throws: PBFileError.self) { try PBFile.parse(text, fileName: "bad.pb") }
        let issue = try #require(error?.issues.first)
        #expect(issue.line == line)
        #expect(issue.field == field)
        #expect(issue.message.en.contains(english), "\(issue.message.en)")
        #expect(!issue.message.ko.isEmpty)
        #expect(error?.message.en.contains("bad.pb") == true)
    }

    @Test func aCostThatIsNotANumberIsRefusedWithItsLine() throws {
        let text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\n2;12a\nVOTES\nvoter_id;vote\n1;1\n"
        let error = #expect(throws: PBFileError.self) { try PBFile.parse(text, fileName: "cost.pb") }
        #expect(error?.issues.map(\.description) == ["8행 'cost': '12a'은(는) 0 이상의 수가 아닙니다 / line 8, field cost: '12a' is not a number of at least 0"])
    }

    @Test func pointsOverTheLimitAreRefused() throws {
        let over = Self.small.replacingOccurrences(of: "a;1,2;3,2;34", with: "a;1,2;4,2;34")
        let error = #expect(throws: PBFileError.self) { try PBFile.parse(over, fileName: "points.pb") }
        let messages = error?.issues.map(\.message.en) ?? []
        #expect(messages == ["project '1' has 4 point(s), over the limit 3", "6 point(s) in all, over the limit 5"])
        #expect(error?.issues.map(\.line) == [13, 13])
        let mismatch = Self.small.replacingOccurrences(of: "a;1,2;3,2;34", with: "a;1,2;3;34")
        #expect(throws: PBFileError.self) { try PBFile.parse(mismatch, fileName: "points.pb") }
        let fraction = Self.small.replacingOccurrences(of: "a;1,2;3,2;34", with: "a;1,2;1.5,2;34")
        #expect(throws: PBFileError.self) { try PBFile.parse(fraction, fileName: "points.pb") }
    }

    @Test func scoringBallotsAndAMissingBudgetAreRefused() {
        #expect(throws: PBFileError.self) {
            try election("META\nkey;value\nbudget;10\nvote_type;scoring\nPROJECTS\nproject_id;cost\nx;6\nVOTES\nvoter_id;vote\n")
        }
        #expect(throws: PBFileError.self) {
            try election("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nx;6\nVOTES\nvoter_id;vote\n")
        }
    }

    /// Lower limits are left to `validate()`: a published file keeps ballots under them, a citizen's vote may not.
    @Test func theBallotCheckForVotersAlsoEnforcesTheLowerLimits() throws {
        var e = try election(
            "META\nkey;value\nbudget;100\nvote_type;approval\nmin_length;2\nPROJECTS\nproject_id;cost\n1;50\n2;50\nVOTES\nvoter_id;vote\nv;1\n")
        #expect(e.problems(of: PBBallot(voterID: "w", projects: ["1", "2"])).isEmpty)
        #expect(e.problems(of: PBBallot(voterID: "w", projects: ["1"])).map(\.en) == ["at least 2 project(s) must be named (1 named)"])
        #expect(throws: PBElectionError.self) { try e.validate() }
        e.ballots = [PBBallot(voterID: "v", projects: ["2", "1"])]
        try e.validate()
    }

    /// Every bundled file reads, and parse → write → parse gives the same election (and the same text again).
    @Test(arguments: Pabulib.names)
    func realFilesRoundTrip(name: String) throws {
        let first = try Pabulib.election(name)
        #expect(!first.projects.isEmpty && !first.ballots.isEmpty)
        let written = PBFile.write(first)
        let second = try PBFile.parse(written, fileName: name)
        #expect(second == first)
        #expect(PBFile.write(second) == written)
    }
}
