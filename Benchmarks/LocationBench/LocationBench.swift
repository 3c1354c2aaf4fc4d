import Foundation
import MokminAnalysis

/// Benchmarks of the location engine on seeded instances (release builds only).
///
///     LocationBench gen-pmedian N P SEED FILE          an OR-Library-format graph like Beasley's pmed files
///     LocationBench gen-mclp N M P SEED FILE [FRACTION] a JSON MCLP instance (each site covers ~FRACTION of demand)
///     LocationBench gen-grid SIDE M P SEED FILE         SIDE × SIDE demand points on a 100 m grid, M candidates
///     LocationBench gen-city N FRACTION P SEED FILE     N clustered points, each also a candidate; a site covers
///                                                       FRACTION of the points on average (dense MCLP, issue 17)
///     LocationBench solve KIND FILE [TIME_LIMIT]        solves and prints one JSON line with the answer
@main
struct LocationBench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else {
            print("usage: LocationBench gen-pmedian|gen-mclp|gen-grid|gen-city|solve ...")
            exit(2)
        }
        func int(_ k: Int) -> Int { Int(arguments[k])! }
        switch command {
        case "gen-pmedian":
            try orLibraryGraph(n: int(1), p: int(2), seed: UInt64(int(3))).write(toFile: arguments[4], atomically: true, encoding: .utf8)
        case "gen-mclp":
            let fraction = arguments.count > 6 ? Double(arguments[6])! : 0.02
            try mclpInstance(n: int(1), m: int(2), p: int(3), seed: UInt64(int(4)), fraction: fraction).write(to: URL(fileURLWithPath: arguments[5]))
        case "gen-grid":
            try gridInstance(side: int(1), m: int(2), p: int(3), seed: UInt64(int(4))).write(to: URL(fileURLWithPath: arguments[5]))
        case "gen-city":
            try cityInstance(n: int(1), fraction: Double(arguments[2])!, p: int(3), seed: UInt64(int(4)))
                .write(to: URL(fileURLWithPath: arguments[5]))
        case "solve":
            try solve(kind: ProblemKind(rawValue: arguments[1])!, file: arguments[2], timeLimit: arguments.count > 3 ? Double(arguments[3])! : 60)
        default:
            print("unknown command \(command)")
            exit(2)
        }
    }

    /// A connected random graph with n²/50 edges (as in OR-Library's pmed1–40), integer costs 1…100.
    static func orLibraryGraph(n: Int, p: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let m = max(n - 1, n * n / 50)
        var lines: [String] = []
        let order = (1...n).shuffled(using: &rng)
        for k in 1..<n {
            let u = order[k], v = order[Int.random(in: 0..<k, using: &rng)]
            lines.append("\(u) \(v) \(Int.random(in: 1...100, using: &rng))")
        }
        while lines.count < m {
            let u = Int.random(in: 1...n, using: &rng), v = Int.random(in: 1...n, using: &rng)
            guard u != v else { continue }
            lines.append("\(u) \(v) \(Int.random(in: 1...100, using: &rng))")
        }
        return "\(n) \(m) \(p)\n" + lines.joined(separator: "\n") + "\n"
    }

    /// Uniform random demand (integer weights 1…100) and candidates in a 10 km square; the radius makes a site cover
    /// about `fraction` of the demand.
    static func mclpInstance(n: Int, m: Int, p: Int, seed: UInt64, fraction: Double) throws -> Data {
        var rng = SplitMix64(seed: seed)
        let side = 10_000.0
        let demand = (0..<n).map { k in
            [
                "id": "d\(k)", "x": Double.random(in: 0..<side, using: &rng).rounded(), "y": Double.random(in: 0..<side, using: &rng).rounded(),
                "weight": Double(Int.random(in: 1...100, using: &rng)),
            ] as [String: Any]
        }
        let candidates = (0..<m).map { k in
            ["id": "c\(k)", "x": Double.random(in: 0..<side, using: &rng).rounded(), "y": Double.random(in: 0..<side, using: &rng).rounded()]
                as [String: Any]
        }
        let radius = (fraction * side * side / Double.pi).squareRoot().rounded()
        let object: [String: Any] = ["demand": demand, "candidates": candidates, "p": p, "radius": radius, "metric": "euclidean"]
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// A county-like grid: side × side demand points 100 m apart with weights 1…50, m random candidates, and a radius
    /// at which a site covers about 1 % of the demand.
    static func gridInstance(side: Int, m: Int, p: Int, seed: UInt64) throws -> Data {
        var rng = SplitMix64(seed: seed)
        var demand: [[String: Any]] = []
        demand.reserveCapacity(side * side)
        for row in 0..<side {
            for column in 0..<side {
                demand.append([
                    "id": "g\(row)_\(column)", "x": Double(column * 100), "y": Double(row * 100),
                    "weight": Double(Int.random(in: 1...50, using: &rng)),
                ])
            }
        }
        let extent = Double(side * 100)
        let candidates = (0..<m).map { k in
            ["id": "c\(k)", "x": Double.random(in: 0..<extent, using: &rng).rounded(), "y": Double.random(in: 0..<extent, using: &rng).rounded()]
                as [String: Any]
        }
        let radius = (0.01 * extent * extent / Double.pi).squareRoot().rounded()
        let object: [String: Any] = ["demand": demand, "candidates": candidates, "p": p, "radius": radius, "metric": "euclidean"]
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// A city-like layout in a 10 km square: a fifth of the points spread evenly, the rest in 8–14 neighbourhoods of
    /// different sizes and spreads (Gaussian, 200–900 m), integer weights 1…100 (denser neighbourhoods weigh more).
    /// Every point is also a candidate site. The radius is the one at which a point has `fraction` of all points
    /// within reach on average, found by bisection over the exact pair distances.
    static func cityInstance(n: Int, fraction: Double, p: Int, seed: UInt64) throws -> Data {
        var rng = SplitMix64(seed: seed)
        let side = 10_000.0
        func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        let clusters = (0..<Int.random(in: 8...14, using: &rng)).map { _ in
            (
                x: Double.random(in: 1500..<8500, using: &rng), y: Double.random(in: 1500..<8500, using: &rng),
                spread: Double.random(in: 200..<900, using: &rng), size: Double.random(in: 1..<4, using: &rng)
            )
        }
        let total = clusters.reduce(0) { $0 + $1.size }
        var points: [(x: Double, y: Double, weight: Int)] = []
        while points.count < n {
            if Double.random(in: 0..<1, using: &rng) < 0.2 {
                points.append((Double.random(in: 0..<side, using: &rng), Double.random(in: 0..<side, using: &rng), Int.random(in: 1...30, using: &rng)))
                continue
            }
            var pick = Double.random(in: 0..<total, using: &rng)
            var c = 0
            while c < clusters.count - 1 && pick >= clusters[c].size {
                pick -= clusters[c].size
                c += 1
            }
            let x = clusters[c].x + clusters[c].spread * normal(), y = clusters[c].y + clusters[c].spread * normal()
            guard (0..<side).contains(x), (0..<side).contains(y) else { continue }
            points.append((x.rounded(), y.rounded(), Int.random(in: 10...100, using: &rng)))
        }
        var squared: [Double] = []
        squared.reserveCapacity(n * n)
        for a in points {
            for b in points { squared.append((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)) }
        }
        squared.sort()
        // A radius r reaches the pairs with d² ≤ r², so the average share reached is that count / n².
        let radius = (squared[min(squared.count - 1, Int(fraction * Double(n * n)))].squareRoot()).rounded()
        let demand = points.enumerated().map { k, point in ["id": "d\(k)", "x": point.x, "y": point.y, "weight": Double(point.weight)] as [String: Any] }
        let candidates = points.enumerated().map { k, point in ["id": "c\(k)", "x": point.x, "y": point.y] as [String: Any] }
        let object: [String: Any] = ["demand": demand, "candidates": candidates, "p": p, "radius": radius, "metric": "euclidean"]
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func solve(kind: ProblemKind, file: String, timeLimit: Double) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let problem = file.hasSuffix(".json") ? try JSONInstance.parse(data) : try ORLibraryFormat.parse(String(decoding: data, as: UTF8.self))
        let solution = try LocationEngine.solve(problem, kind: kind, timeLimit: timeLimit)
        let line: [String: Any] = [
            "file": (file as NSString).lastPathComponent, "kind": kind.rawValue, "objective": solution.objective, "bound": solution.bound,
            "gap": solution.gap, "seconds": solution.seconds, "proven": solution.provenOptimal, "nodes": solution.nodes,
            "p": problem.p, "facilities": solution.facilities.count,
        ]
        let text = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: text, as: UTF8.self))
    }
}
