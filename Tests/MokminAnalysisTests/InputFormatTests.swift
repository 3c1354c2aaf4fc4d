import Foundation
import MokminAnalysis
import Testing

/// The OR-Library and JSON readers, the JSON answer, and the message every kind of bad input gets.
@Suite("Input formats and errors")
struct InputFormatTests {
    /// Throws unless `body` fails with `code` and a message containing both `english` and some Hangul.
    func expectError(_ code: LocationInputError.Code, mentioning english: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(code) but nothing was thrown")
        } catch let error as LocationInputError {
            #expect(error.code == code, "got \(error.code): \(error.message)")
            #expect(error.description.contains(english), "message: \(error.message)")
            #expect(error.message.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "no Korean in: \(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("OR-Library: duplicate edges (last wins, either direction) and shortest paths")
    func orLibrary() throws {
        let text = "4 5 2\n1 2 10\n2 3 5\n3 4 1\n2 1 3\n1 4 100\n"
        let problem = try ORLibraryFormat.parse(text)
        guard case .matrix(let d) = problem.distances else {
            Issue.record("expected a matrix")
            return
        }
        let expected: [[Double]] = [[0, 3, 8, 9], [3, 0, 5, 6], [8, 5, 0, 1], [9, 6, 1, 0]]
        #expect(try d == DistanceMatrix(rows: expected))
        #expect(problem.p == 2 && problem.demand.map(\.id) == ["1", "2", "3", "4"] && problem.demand.allSatisfy { $0.weight == 1 })
        let solution = try LocationEngine.solve(problem, kind: .pmedian)
        #expect(solution.objective == 4 && solution.provenOptimal)
    }

    @Test("OR-Library: malformed line, too few edges, disconnected graph, p too large")
    func orLibraryErrors() {
        expectError(.malformedLine, mentioning: "malformed line 3") { _ = try ORLibraryFormat.parse("4 2 1\n1 2 5\n1 x 3\n") }
        expectError(.malformedLine, mentioning: "malformed line 1") { _ = try ORLibraryFormat.parse("4 two 1\n") }
        expectError(.malformedLine, mentioning: "malformed line 2") { _ = try ORLibraryFormat.parse("3 1 1\n1 9 5\n") }
        expectError(.malformedLine, mentioning: "expected 3 edge lines") { _ = try ORLibraryFormat.parse("3 3 1\n1 2 5\n") }
        expectError(.disconnectedGraph, mentioning: "vertex 3 cannot be reached") { _ = try ORLibraryFormat.parse("4 2 1\n1 2 5\n2 4 1\n") }
        expectError(.pTooLarge, mentioning: "p (5) is larger") { _ = try ORLibraryFormat.parse("3 2 5\n1 2 1\n2 3 1\n") }
    }

    static func json(
        demand: String = #"[{"id": "a", "x": 0, "y": 0, "weight": 2}, {"id": "b", "x": 3, "y": 4, "weight": 1}]"#,
        candidates: String = #"[{"id": 1, "x": 0, "y": 0}, {"id": 2, "x": 3, "y": 4, "capacity": 1}]"#,
        extra: String = #""p": 1, "radius": 5, "metric": "euclidean""#
    ) -> Data {
        Data(#"{"demand": \#(demand), "candidates": \#(candidates), \#(extra)}"#.utf8)
    }

    @Test("JSON instance: parse, solve and encode the answer")
    func jsonRoundTrip() throws {
        let problem = try JSONInstance.parse(Self.json(extra: #""p": 1, "radius": 5, "existing": [2]"#))
        #expect(problem.candidates.map(\.id) == ["1", "2"] && problem.existing == ["2"] && problem.candidates[1].capacity == 1)
        let solution = try LocationEngine.solve(problem, kind: .mclp)
        let data = try SolutionJSON.encode(solution)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["objective"] as? Double == 3 && object["covered_weight"] as? Double == 3)
        #expect(object["gap"] as? Double == 0 && object["bound"] as? Double == 3)
        #expect(object["facilities"] as? [String] == ["1"] && object["existing"] as? [String] == ["2"])
        #expect(object["seconds"] is Double && object["proven_optimal"] as? Bool == true)
        let median = try SolutionJSON.encode(LocationEngine.solve(problem, kind: .pmedian))
        let medianObject = try #require(try JSONSerialization.jsonObject(with: median) as? [String: Any])
        #expect(medianObject["covered_weight"] == nil && medianObject["objective"] as? Double == 0)
    }

    @Test("JSON instance: every kind of bad input is named")
    func jsonErrors() {
        expectError(.negativeWeight, mentioning: "demand point a has a negative weight") {
            let problem = try JSONInstance.parse(Self.json(demand: #"[{"id": "a", "x": 0, "y": 0, "weight": -2}]"#))
            _ = try LocationEngine.solve(problem, kind: .mclp)
        }
        expectError(.invalidNumber, mentioning: "x coordinate of a is NaN") {
            let problem = try JSONInstance.parse(Self.json(demand: #"[{"id": "a", "x": "NaN", "y": 0}]"#))
            _ = try LocationEngine.solve(problem, kind: .pmedian)
        }
        expectError(.unknownMetric, mentioning: "unknown metric \"manhattan\"") {
            _ = try JSONInstance.parse(Self.json(extra: #""p": 1, "metric": "manhattan""#))
        }
        expectError(.duplicateID, mentioning: "candidate id \"1\" appears more than once") {
            let problem = try JSONInstance.parse(Self.json(candidates: #"[{"id": 1, "x": 0, "y": 0}, {"id": "1", "x": 1, "y": 1}]"#))
            _ = try LocationEngine.solve(problem, kind: .pmedian)
        }
        expectError(.unknownExisting, mentioning: "existing facility \"9\" is not one of the candidate sites") {
            _ = try LocationEngine.solve(JSONInstance.parse(Self.json(extra: #""p": 1, "existing": [9]"#)), kind: .pmedian)
        }
        expectError(.pTooLarge, mentioning: "p (3) is larger than the number of candidate sites that can be chosen (2)") {
            _ = try LocationEngine.solve(JSONInstance.parse(Self.json(extra: #""p": 3, "radius": 5"#)), kind: .mclp)
        }
        expectError(.pTooLarge, mentioning: "(1)") {
            _ = try LocationEngine.solve(JSONInstance.parse(Self.json(extra: #""p": 2, "existing": [1]"#)), kind: .pcenter)
        }
        expectError(.missingRadius, mentioning: "mclp needs a finite radius") {
            _ = try LocationEngine.solve(JSONInstance.parse(Self.json(extra: #""p": 1"#)), kind: .mclp)
        }
        expectError(.malformedJSON, mentioning: "demand[0].y") {
            _ = try JSONInstance.parse(Self.json(demand: #"[{"id": "a", "x": 0, "y": "north"}]"#))
        }
        expectError(.malformedJSON, mentioning: "the JSON has no candidates") {
            _ = try JSONInstance.parse(Data(#"{"demand": []}"#.utf8))
        }
        expectError(.invalidNumber, mentioning: "out of range") {
            let problem = try JSONInstance.parse(
                Self.json(extra: #""p": 1, "metric": "geodesic", "radius": 10"#).replacing(Data("\"y\": 4".utf8), with: Data("\"y\": 95".utf8)))
            _ = try LocationEngine.solve(problem, kind: .mclp)
        }
    }

    @Test("A matrix whose shape does not match is rejected")
    func matrixShape() throws {
        let problem = LocationProblem(
            demand: [DemandPoint(id: "a")], candidates: [CandidateSite(id: "s"), CandidateSite(id: "t")], p: 1,
            distances: .matrix(try DistanceMatrix(rows: [[1]]))
        )
        expectError(.shapeMismatch, mentioning: "distance matrix is 1×1") { _ = try LocationEngine.solve(problem, kind: .pmedian) }
        expectError(.shapeMismatch, mentioning: "3 distance values do not fill a 2×2 matrix") { _ = try DistanceMatrix(rows: [[1, 2], [3]]) }
        let infinite = LocationProblem(
            demand: [DemandPoint(id: "a")], candidates: [CandidateSite(id: "s")], p: 1, radius: 10,
            distances: .matrix(try DistanceMatrix(rows: [[.infinity]]))
        )
        expectError(.invalidDistance, mentioning: "distance (a, s) is infinite") { _ = try LocationEngine.solve(infinite, kind: .pcenter) }
        #expect(try LocationEngine.solve(infinite, kind: .mclp).uncoverableDemand == ["a"])
    }
}
