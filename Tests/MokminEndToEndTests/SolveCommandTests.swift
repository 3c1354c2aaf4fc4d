import Foundation
import MokminTestSupport
import Testing

/// `mokmin solve` as a person runs it: JSON answers with proven gaps, and exit status 2 with a message for bad input.
@Suite struct SolveCommandTests {
    static let example = Fixtures.packageRoot.appendingPathComponent("Examples/solve/sejong-ev-chargers.json").path
    static let graph = Fixtures.packageRoot.appendingPathComponent("Examples/solve/small.pmed").path

    func solve(_ arguments: [String]) throws -> (Int32, [String: Any]?, String) {
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = ["solve"] + arguments
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
    func theShippedExamplesSolveWithProvenGaps() throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        for kind in ["pmedian", "pcenter", "mclp", "lscp", "capacitated"] {
            let (status, answer, message) = try solve([kind, Self.example, "--time-limit", "10"])
            #expect(status == 0, "\(kind): \(message)")
            #expect(answer?["gap"] as? Double == 0, "\(kind)")
            #expect(answer?["objective"] as? Double == answer?["bound"] as? Double)
            #expect(answer?["existing"] as? [String] == ["세종시청"])
        }
        let (_, mclp, _) = try solve(["mclp", Self.example])
        #expect((mclp?["facilities"] as? [String])?.count == 3)
        #expect(mclp?["covered_weight"] as? Double == mclp?["objective"] as? Double)
        let (status, graph, _) = try solve(["pmedian", Self.graph])
        #expect(status == 0)
        #expect(graph?["objective"] as? Double == 22)
        #expect(graph?["facilities"] as? [String] == ["3", "6"])
    }

    @Test(.enabled(if: BrowserTestTools.underCI || ServerProcess.binaryExists, "needs the mokmin binary (swift build)"))
    func badInputExitsWithStatusTwoAndAMessage() throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-solve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let point = #"{"id": "a", "x": 0, "y": 0, "weight": 1}"#
        let cases: [([String], String)] = [
            (["mclp", try file("p.json", #"{"demand": [\#(point)], "candidates": [{"id": "s", "x": 1, "y": 1}], "p": 5, "radius": 2}"#)], "p (5)"),
            (["pmedian", try file("w.json", #"{"demand": [{"id": "a", "x": 0, "y": 0, "weight": -3}], "candidates": [{"id": "s", "x": 1, "y": 1}], "p": 1}"#)], "negative"),
            (["pmedian", try file("m.json", #"{"demand": [\#(point)], "candidates": [{"id": "s", "x": 1, "y": 1}], "p": 1, "metric": "manhattan"}"#)], "manhattan"),
            (["pmedian", try file("n.json", #"{"demand": [{"id": "a", "x": "NaN", "y": 0}], "candidates": [{"id": "s", "x": 1, "y": 1}], "p": 1}"#)], "NaN"),
            (["pmedian", try file("g.pmed", "4 2 1\n1 2 5\n3 4 5\n")], "connected"),
            (["pmedian", try file("l.pmed", "3 2 1\n1 2 5\n2 x 5\n")], "line 3"),
            (["teleport", Self.example], "teleport"),
            (["mclp", folder.appendingPathComponent("missing.json").path], "cannot read"),
        ]
        for (arguments, needle) in cases {
            let (status, answer, message) = try solve(arguments)
            #expect(status == 2, "\(arguments) exited \(status)")
            #expect(answer == nil)
            #expect(message.contains(needle), "\(arguments): \(message)")
        }
    }
}
