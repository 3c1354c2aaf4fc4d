import Foundation
import MokminTestSupport
import Testing

/// `mokmin plan` with the real binary, as a planning office uses it from the command line: a bad task file exits with
/// status 2 and stores nothing; a good one is imported; the task list exports to XLSX and imports back unchanged;
/// `plan list` shows the derived status; a department and an assignment are made.
@Suite struct PlanCommandTests {
    static let csv = """
        역점분야,과제번호,과제명,담당부서,시작일,종료일,성과지표,단위,기준값,목표값,방향
        참여,1-1,세종의 뜻,시민참여담당관,2020-01-01,2020-12-31,참여자,명,0,1000,높을수록
        참여,1-2,마을계획단,자치분권과,2020-01-01,2020-12-31,회의,회,0,12,높을수록

        """

    @Test(.enabled(if: ServerProcess.binaryExists || FirstCommandsTests.underCI, "needs the mokmin binary: run `swift build` before `swift test`"))
    func aPlanIsImportedExportedAndListedFromTheCommandLine() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run `swift build` first")
        let folder = try FirstCommandsTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("plan.sqlite").path
        let header = ["--year", "2020", "--organisation", "세종특별자치시", "--title", "혁신계획", "--db", db]

        let bad = folder.appendingPathComponent("bad.csv")
        try Self.csv.replacingOccurrences(of: "2020-12-31,회의", with: "2020-12-32,회의").write(to: bad, atomically: true, encoding: .utf8)
        #expect(try await runMokmin(["plan", "import", bad.path] + header).status == 2)
        let empty = try await runMokmin(["plan", "list", "--db", db])
        #expect(empty.status == 0 && !empty.output.contains("혁신계획"), "nothing was stored: \(empty.output)")

        let good = folder.appendingPathComponent("plan.csv")
        try Self.csv.write(to: good, atomically: true, encoding: .utf8)
        let imported = try await runMokmin(["plan", "import", good.path] + header)
        #expect(imported.status == 0 && imported.output.contains("+2 tasks"), "\(imported.output)")
        let listed = try await runMokmin(["plan", "list", "--year", "2020", "--period", "2020Q2", "--db", db])
        #expect(listed.output.contains("1-1\t세종의 뜻\t시민참여담당관\tat_risk"), "\(listed.output)")

        let xlsx = folder.appendingPathComponent("plan.xlsx").path
        #expect(try await runMokmin(["plan", "export", "--out", xlsx, "--db", db]).status == 0)
        let again = try await runMokmin(["plan", "import", xlsx] + header)
        #expect(again.status == 0 && again.output.contains("+0 tasks, 2 updated"), "\(again.output)")
        #expect(
            try await runMokmin(["plan", "export", "--out", folder.appendingPathComponent("results.csv").path, "--period", "2020Q2", "--db", db])
                .status == 0)
        let results = try Data(contentsOf: folder.appendingPathComponent("results.csv"))
        #expect(results.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark")
        #expect(String(decoding: results, as: UTF8.self).contains("역점분야") && String(decoding: results, as: UTF8.self).contains("세종의 뜻"))

        #expect(try await runMokmin(["plan", "department", "혁신정책과", "--planning-office", "--db", db]).status == 0)
        #expect(
            try await runMokmin(
                ["user", "add", "--login", "kim", "--name", "김", "--role", "official", "--password-stdin", "--db", db], input: "password-123\n"
            ).status == 0)
        #expect(try await runMokmin(["plan", "assign", "kim", "혁신정책과", "--db", db]).status == 0)
        #expect(try await runMokmin(["plan", "assign", "kim", "없는과", "--db", db]).status == 1)
        #expect(try await runMokmin(["plan", "briefing", "--period", "2020Q5", "--out", "x.pdf", "--db", db]).status != 0)
    }
}
