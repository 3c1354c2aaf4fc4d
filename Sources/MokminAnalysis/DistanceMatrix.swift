import Foundation
import MokminGeo

/// A dense demand × candidate distance matrix, stored row by row.
public struct DistanceMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public private(set) var values: [Double]

    /// `values` holds `rows × columns` distances, row `i` (demand point) first.
    /// - Throws: `LocationInputError` (`shapeMismatch`) when the count is not `rows × columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw LocationInputError(
                .shapeMismatch,
                korean: "거리 값 \(values.count)개는 \(rows)×\(columns) 행렬과 맞지 않습니다",
                english: "\(values.count) distance values do not fill a \(rows)×\(columns) matrix"
            )
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// One array per demand point; every row must have the same length.
    public init(rows: [[Double]]) throws {
        try self.init(rows: rows.count, columns: rows.first?.count ?? 0, values: rows.flatMap { $0 })
    }

    /// For values already known to have the right count.
    init(checkedRows rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Double { values[i * columns + j] }

    /// Largest number of entries a dense matrix may hold (about 400 MB); bigger coverage instances use sparse lists.
    static let maximumEntries = 50_000_000
}

extension DistanceMetric {
    /// The distance between two points under this metric.
    @inline(__always)
    func distance(_ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        switch self {
        case .euclidean:
            let dx = a.x - b.x, dy = a.y - b.y
            return (dx * dx + dy * dy).squareRoot()
        case .geodesic:
            return Geodesic.distanceMetres(GeoPoint(lon: a.x, lat: a.y), GeoPoint(lon: b.x, lat: b.y))
        }
    }
}

extension LocationProblem {
    /// The dense distance matrix, computed from coordinates when needed.
    func denseDistances() throws -> DistanceMatrix {
        switch distances {
        case .matrix(let matrix):
            return matrix
        case .coordinates(let demandPoints, let candidatePoints, let metric):
            let n = demandPoints.count, m = candidatePoints.count
            guard n * m <= DistanceMatrix.maximumEntries else {
                throw LocationInputError(
                    .tooLarge,
                    korean: "수요 \(n) × 후보 \(m)은 이 문제 유형의 밀집 거리 행렬로 너무 큽니다",
                    english: "\(n) demand points × \(m) candidates is too large for the dense distance matrix this problem needs"
                )
            }
            var values = [Double](repeating: 0, count: n * m)
            for i in 0..<n {
                for j in 0..<m { values[i * m + j] = metric.distance(demandPoints[i], candidatePoints[j]) }
            }
            return DistanceMatrix(checkedRows: n, columns: m, values: values)
        }
    }
}
