import Foundation
import MokminBudget
import Testing

/// Identical selected sets to pabutools 1.2.3 for every rule on every bundled file, where pabutools is installed
/// (`pip install pabutools==1.2.3`; `.ci/run` installs it, and under CI a missing pabutools fails the test).
///
/// pabutools takes about seven minutes for this matrix here. Warszawa 2021 Bielany (8,172 voters, 132 projects) runs
/// greedy and MES only: pabutools needs over 20 minutes for each of its MES completions (BENCHMARKS.md); the outcomes
/// were compared by hand once, with `Benchmarks/pb/pb.sh`.
@Suite struct PabutoolsReferenceTests {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let installed: Bool = (try? python(["-c", "import pabutools"]).status) == 0
    static let slow = "Poland_Warszawa_2021_Bielany.pb"

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct Reference: Decodable {
        var file: String
        var rule: String
        var selected: [String]
        var seconds: Double
    }

    @Test(.enabled(if: underCI || installed, "pabutools is not installed (pip install pabutools==1.2.3): skipped"), .timeLimit(.minutes(30)))
    func selectedSetsMatchPabutools() throws {
        try #require(Self.installed, "pabutools must be installed under CI (pip install pabutools==1.2.3)")
        let all = PBRule.allCases.map(\.rawValue).joined(separator: ",")
        let path = { (name: String) in Pabulib.folder.appendingPathComponent(name).path }
        let full = try Self.python([Pabulib.script.path, all] + Pabulib.names.filter { $0 != Self.slow }.map(path))
        let fast = try Self.python([Pabulib.script.path, "greedy,mes", path(Self.slow)])
        #expect(full.status == 0 && fast.status == 0)
        let references = (full.output + fast.output).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Reference.self, from: Data($0.utf8))
        }
        #expect(references.count == (Pabulib.names.count - 1) * PBRule.allCases.count + 2)
        var elections: [String: PBElection] = [:]
        for reference in references {
            let rule = try #require(PBRule(rawValue: reference.rule))
            if elections[reference.file] == nil { elections[reference.file] = try Pabulib.election(reference.file) }
            let outcome = PBRules.run(elections[reference.file]!, rule: rule)
            #expect(Set(outcome.selected) == Set(reference.selected), "\(reference.file) \(reference.rule)")
            #expect(outcome.selected.count == reference.selected.count)
        }
    }
}
