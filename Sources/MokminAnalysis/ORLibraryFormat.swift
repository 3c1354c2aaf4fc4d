import Foundation
import HeapModule

/// Beasley's OR-Library p-median format: a first line `n m p`, then `m` lines `i j cost` of an undirected graph on
/// vertices 1…n. Where an edge is listed more than once the last cost wins. Distances are shortest paths; every vertex
/// is a demand point of weight 1 and a candidate site.
public enum ORLibraryFormat: Sendable {
    /// Parses the text of an OR-Library p-median file into a p-median problem (ids "1"…"n").
    public static func parse(_ text: String) throws -> LocationProblem {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.enumerated()
            .map { (number: $0.offset + 1, fields: $0.element.split { $0 == " " || $0 == "\t" || $0 == "\r" }) }
            .filter { !$0.fields.isEmpty }[...]
        guard let header = lines.popFirst() else {
            throw LocationInputError(.malformedLine, korean: "파일이 비어 있습니다", english: "the file is empty")
        }
        guard header.fields.count == 3, let n = Int(header.fields[0]), let m = Int(header.fields[1]), let p = Int(header.fields[2]),
            n > 0, m >= 0
        else { throw malformed(header.number, expected: "n m p (three integers, n ≥ 1)", "n m p (정수 세 개, n ≥ 1)") }
        guard lines.count >= m else {
            throw LocationInputError(
                .malformedLine,
                korean: "간선 \(m)개가 있어야 하지만 \(lines.count)개뿐입니다",
                english: "expected \(m) edge lines but found only \(lines.count)"
            )
        }
        var edges: [Int: Double] = [:]
        for line in lines.prefix(m) {
            guard line.fields.count == 3, let i = Int(line.fields[0]), let j = Int(line.fields[1]), let cost = Double(line.fields[2])
            else { throw malformed(line.number, expected: "i j cost", "i j 비용") }
            guard (1...n).contains(i), (1...n).contains(j) else {
                throw malformed(line.number, expected: "vertices between 1 and \(n)", "1과 \(n) 사이의 정점")
            }
            guard cost.isFinite, cost >= 0 else {
                throw malformed(line.number, expected: "a finite cost of at least 0", "0 이상의 유한한 비용")
            }
            edges[min(i, j) * (n + 1) + max(i, j)] = cost
        }
        let distances = try shortestPaths(n: n, edges: edges)
        let vertices = (1...n).map(String.init)
        let problem = LocationProblem(
            demand: vertices.map { DemandPoint(id: $0, weight: 1) },
            candidates: vertices.map { CandidateSite(id: $0) },
            p: p,
            distances: .matrix(distances)
        )
        try problem.validate(for: .pmedian)
        return problem
    }

    private static func malformed(_ line: Int, expected english: String, _ korean: String) -> LocationInputError {
        LocationInputError(
            .malformedLine,
            korean: "\(line)번째 줄의 형식이 잘못되었습니다: \(korean)이(가) 필요합니다",
            english: "malformed line \(line): expected \(english)"
        )
    }

    /// All-pairs shortest paths by Dijkstra from every vertex (binary heap), throwing when the graph is disconnected.
    static func shortestPaths(n: Int, edges: [Int: Double]) throws -> DistanceMatrix {
        var adjacency = [[(Int, Double)]](repeating: [], count: n)
        for (key, cost) in edges {
            let i = key / (n + 1) - 1, j = key % (n + 1) - 1
            guard i != j else { continue }
            adjacency[i].append((j, cost))
            adjacency[j].append((i, cost))
        }
        var values = [Double](repeating: .infinity, count: n * n)
        var heap = Heap<QueuedVertex>()
        for source in 0..<n {
            let base = source * n
            values[base + source] = 0
            heap.insert(QueuedVertex(distance: 0, vertex: source))
            while let (d, u) = heap.popMin().map({ ($0.distance, $0.vertex) }) {
                guard d <= values[base + u] else { continue }
                for (v, cost) in adjacency[u] where d + cost < values[base + v] {
                    values[base + v] = d + cost
                    heap.insert(QueuedVertex(distance: d + cost, vertex: v))
                }
            }
            if source == 0, let far = (0..<n).first(where: { !values[$0].isFinite }) {
                throw LocationInputError(
                    .disconnectedGraph,
                    korean: "그래프가 연결되어 있지 않습니다: 정점 \(far + 1)에 정점 1에서 갈 수 없습니다",
                    english: "the graph is disconnected: vertex \(far + 1) cannot be reached from vertex 1"
                )
            }
        }
        return DistanceMatrix(checkedRows: n, columns: n, values: values)
    }
}

/// A vertex waiting in Dijkstra's queue (swift-collections' `Heap` hands out the nearest first).
private struct QueuedVertex: Comparable {
    let distance: Double
    let vertex: Int
    static func < (a: QueuedVertex, b: QueuedVertex) -> Bool { a.distance < b.distance }
}
