import Foundation

/// For each candidate site, the demand points within the radius (distance ≤ radius), in increasing order.
///
/// Built from coordinates through a uniform grid of cells about one radius wide, so that a large instance
/// (100,000 demand points × 5,000 candidates) never needs a dense matrix.
struct CoverageLists: Sendable {
    let demandCount: Int
    var columns: [[Int32]]

    /// Coverage for `problem`, from its matrix or its coordinates.
    static func build(_ problem: LocationProblem, radius: Double) -> CoverageLists {
        switch problem.distances {
        case .matrix(let matrix):
            var columns = [[Int32]](repeating: [], count: matrix.columns)
            for i in 0..<matrix.rows {
                for j in 0..<matrix.columns where matrix[i, j] <= radius { columns[j].append(Int32(i)) }
            }
            return CoverageLists(demandCount: matrix.rows, columns: columns)
        case .coordinates(let demand, let candidates, let metric):
            return build(demand: demand, candidates: candidates, metric: metric, radius: radius)
        }
    }

    static func build(demand: [PlanarPoint], candidates: [PlanarPoint], metric: DistanceMetric, radius: Double) -> CoverageLists {
        guard !demand.isEmpty else { return CoverageLists(demandCount: 0, columns: Array(repeating: [], count: candidates.count)) }
        let (cellX, cellY) = cellSizes(demand: demand, candidates: candidates, metric: metric, radius: radius)
        let minX = demand.map(\.x).min()!, maxX = demand.map(\.x).max()!
        let minY = demand.map(\.y).min()!, maxY = demand.map(\.y).max()!
        // Too few points, or cells that would be degenerate: compare every pair.
        guard let cellX, let cellY, cellX > 0, cellY > 0 else {
            return bruteForce(demand: demand, candidates: candidates, metric: metric, radius: radius)
        }
        let nx = max(1, min(4096, Int(((maxX - minX) / cellX).rounded(.down)) + 1))
        let ny = max(1, min(4096, Int(((maxY - minY) / cellY).rounded(.down)) + 1))
        let sizeX = max(cellX, (maxX - minX) / Double(nx) + 1e-12), sizeY = max(cellY, (maxY - minY) / Double(ny) + 1e-12)
        // Counting sort of demand points into cells.
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (Int(((x - minX) / sizeX).rounded(.down)), Int(((y - minY) / sizeY).rounded(.down)))
        }
        var start = [Int](repeating: 0, count: nx * ny + 1)
        var cellOf = [Int](repeating: 0, count: demand.count)
        for (i, point) in demand.enumerated() {
            let (cx, cy) = cell(point.x, point.y)
            let c = min(cy, ny - 1) * nx + min(cx, nx - 1)
            cellOf[i] = c
            start[c + 1] += 1
        }
        for c in 0..<(nx * ny) { start[c + 1] += start[c] }
        var fill = start
        var members = [Int32](repeating: 0, count: demand.count)
        for i in 0..<demand.count {
            members[fill[cellOf[i]]] = Int32(i)
            fill[cellOf[i]] += 1
        }
        var columns = [[Int32]](repeating: [], count: candidates.count)
        for (j, site) in candidates.enumerated() {
            let (cx, cy) = cell(site.x, site.y)
            let x0 = max(0, cx - 1), x1 = min(nx - 1, cx + 1)
            let y0 = max(0, cy - 1), y1 = min(ny - 1, cy + 1)
            guard x0 <= x1, y0 <= y1 else { continue }
            var list: [Int32] = []
            for gy in y0...y1 {
                for gx in x0...x1 {
                    let c = gy * nx + gx
                    for k in start[c]..<start[c + 1] {
                        let i = Int(members[k])
                        if metric.distance(demand[i], site) <= radius { list.append(Int32(i)) }
                    }
                }
            }
            list.sort()
            columns[j] = list
        }
        return CoverageLists(demandCount: demand.count, columns: columns)
    }

    /// Cell sizes (in coordinate units) no smaller than the radius, or nil when a grid would not be safe.
    private static func cellSizes(
        demand: [PlanarPoint], candidates: [PlanarPoint], metric: DistanceMetric, radius: Double
    ) -> (Double?, Double?) {
        switch metric {
        case .euclidean:
            return (radius, radius)
        case .geodesic:
            let lons = demand.map(\.x) + candidates.map(\.x)
            let maxLat = (demand + candidates).map { abs($0.y) }.max() ?? 0
            // Near the poles or across the antimeridian a lon/lat grid is not safe.
            guard maxLat < 85, (lons.max() ?? 0) - (lons.min() ?? 0) < 180 else { return (nil, nil) }
            // A degree of latitude is at least 110,574 m; one of longitude at least that times cos(latitude).
            // A 2 % margin covers the ellipsoid's flattening and rounding.
            let metresPerDegreeLat = 110_574.0 / 1.02
            let metresPerDegreeLon = metresPerDegreeLat * cos((maxLat + 0.01) * .pi / 180)
            return (radius / metresPerDegreeLon, radius / metresPerDegreeLat)
        }
    }

    private static func bruteForce(
        demand: [PlanarPoint], candidates: [PlanarPoint], metric: DistanceMetric, radius: Double
    ) -> CoverageLists {
        var columns = [[Int32]](repeating: [], count: candidates.count)
        for (j, site) in candidates.enumerated() {
            for (i, point) in demand.enumerated() where metric.distance(point, site) <= radius { columns[j].append(Int32(i)) }
        }
        return CoverageLists(demandCount: demand.count, columns: columns)
    }

    /// For each demand point, the candidates that cover it (the transpose).
    func rows() -> [[Int32]] {
        var rows = [[Int32]](repeating: [], count: demandCount)
        for (j, column) in columns.enumerated() {
            for i in column { rows[Int(i)].append(Int32(j)) }
        }
        return rows
    }
}
