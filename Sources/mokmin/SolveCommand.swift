import ArgumentParser
import Foundation
import MokminAnalysis

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a facility-location problem with a proven bound / 입지 문제를 풀고 최적성 간격을 알려 줍니다.",
        discussion: """
            KIND is pmedian (minimise weighted distance), pcenter (minimise the largest distance), mclp (maximise the \
            weight covered within --radius with p new sites), lscp (fewest sites covering all demand) or capacitated \
            (maximise the weight served within the radius without exceeding site capacities).

            FILE is a JSON instance: {"demand": [{"id", "x", "y", "weight"}], "candidates": [{"id", "x", "y", \
            "capacity"?}], "existing": [ids], "p": 3, "radius": 500, "metric": "euclidean" | "geodesic"} (geodesic: \
            x = longitude, y = latitude, distances in metres). For pmedian it may instead be an OR-Library p-median \
            file (first line "n m p", then m lines "i j cost" of an undirected graph; distances are shortest paths).

            The answer is JSON on standard output: objective, bound (a lower bound when minimising, an upper bound \
            when maximising), gap = |objective - bound| / max(|objective|, 1) (0 only when proven optimal), seconds, \
            facilities (new sites), existing, and covered_weight for coverage problems. Exit status 0 with an answer, \
            2 for invalid input (the problem is named on standard error).
            """)

    @Argument(help: "pmedian, pcenter, mclp, lscp or capacitated.") var kind: String
    @Argument(help: "The instance file (JSON, or OR-Library for pmedian).") var file: String
    @Option(help: "Stop after this many seconds with the best answer and its gap so far.") var timeLimit: Double = 60
    @Option(help: "Override the instance's p.") var p: Int?
    @Option(help: "Override the instance's radius.") var radius: Double?

    func fail(_ ko: String, _ en: String) -> ExitCode {
        FileHandle.standardError.write(Data("오류 / error: \(ko) / \(en)\n".utf8))
        return ExitCode(2)
    }

    func run() throws {
        guard let problemKind = ProblemKind(rawValue: kind) else {
            let kinds = ProblemKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("문제 종류는 \(kinds) 중 하나입니다: '\(kind)'", "the kind must be one of \(kinds): '\(kind)'")
        }
        guard timeLimit >= 0, timeLimit.isFinite else {
            throw fail("--time-limit은 0 이상의 초여야 합니다", "--time-limit must be a non-negative number of seconds")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail("파일을 읽을 수 없습니다: \(file)", "cannot read the file: \(file)")
        }
        do {
            let text = String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            var problem = text.hasPrefix("{") ? try JSONInstance.parse(data) : try ORLibraryFormat.parse(String(decoding: data, as: UTF8.self))
            if let p { problem.p = p }
            if let radius { problem.radius = radius }
            let solution = try LocationEngine.solve(problem, kind: problemKind, timeLimit: timeLimit)
            FileHandle.standardOutput.write(try SolutionJSON.encode(solution))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch let error as LocationInputError {
            FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
