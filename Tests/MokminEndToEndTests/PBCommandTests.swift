import Foundation
import MokminTestSupport
import Testing

/// `mokmin pb` as a person runs it: JSON with the selected projects, and exit status 2 with the line of a bad file.
@Suite struct PBCommandTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/MokminBudgetTests/Resources/pabulib")

    func pb(_ arguments: [String]) throws -> (Int32, [String: Any]?, String) {
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = ["pb"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, try? JSONSerialization.jsonObject(with: data) as? [String: Any], message)
    }

    @Test(.enabled(if: BrowserTestTools.underCI || ServerProcess.binaryExists, "needs the mokmin binary (swift build)"))
    func aPabulibFileIsCountedByEachRule() throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        let file = Self.folder.appendingPathComponent("Poland_Warszawa_2018_Sadul.pb").path
        // pabutools 1.2.3 selects {783, 855} by greedy and {855} by MES on this election.
        let (status, greedy, message) = try pb([file, "--rule", "greedy"])
        #expect(status == 0, "\(message)")
        #expect(greedy?["selected"] as? [String] == ["855", "783"])
        #expect(greedy?["budget"] as? String == "116735")
        let (_, mes, _) = try pb([file, "--rule", "mes", "--explain"])
        #expect(mes?["selected"] as? [String] == ["855"])
        let fates = mes?["explanation"] as? [[String: Any]] ?? []
        #expect(fates.count == 2)
        #expect(fates.allSatisfy { ($0["en"] as? String)?.isEmpty == false })
    }

    @Test(.enabled(if: BrowserTestTools.underCI || ServerProcess.binaryExists, "needs the mokmin binary (swift build)"))
    func aBadFileExitsWithStatusTwoAndItsLine() throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-pb-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1,9\n".utf8).write(to: url)
        let (status, answer, message) = try pb([url.path, "--rule", "mes"])
        #expect(status == 2)
        #expect(answer == nil)
        #expect(message.contains("line 10, field vote: a vote for an unknown project '9'"), "\(message)")
        let (badRule, _, ruleMessage) = try pb([url.path, "--rule", "phragmen"])
        #expect(badRule == 2)
        #expect(ruleMessage.contains("mes-add1-greedy"))
    }
}
