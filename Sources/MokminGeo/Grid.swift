import Foundation

/// A regular grid of square cells, `cellSizeMetres` on a side, aligned to multiples of the cell size in a
/// projection (UTM-K by default, like the statistical grids of 통계청 SGIS).
///
/// Cells are squares in the projection, so on the ground they are squares to within the projection's scale
/// error (±0.04% on UTM-K over Korea).
public struct Grid: Hashable, Sendable {
    /// Side of a cell in projected metres.
    public var cellSizeMetres: Double
    /// The projection in which cells are square.
    public var projection: Projection

    /// Creates a grid; `cellSizeMetres` must be positive (e.g. 100, 250, 500, 1000).
    public init(cellSizeMetres: Double, projection: Projection = .utmK) {
        precondition(cellSizeMetres > 0, "Grid cell size must be positive")
        self.cellSizeMetres = cellSizeMetres
        self.projection = projection
    }

    /// The cell that contains `p` (cells are half-open: west and south edges belong to the cell).
    public func cell(containing p: GeoPoint) -> GridCell {
        let q = projection.project(p)
        return cell(column: Int((q.x / cellSizeMetres).rounded(.down)), row: Int((q.y / cellSizeMetres).rounded(.down)))
    }

    /// The cell at a column and row.
    public func cell(column: Int, row: Int) -> GridCell {
        let s = cellSizeMetres
        let x0 = Double(column) * s, y0 = Double(row) * s
        let corners = [(x0, y0), (x0 + s, y0), (x0 + s, y0 + s), (x0, y0 + s)].map {
            projection.unproject(ProjectedPoint(x: $0.0, y: $0.1))
        }
        let centre = ProjectedPoint(x: x0 + s / 2, y: y0 + s / 2)
        return GridCell(
            id: "\(Grid.format(s))m_E\(Grid.format(x0))_N\(Grid.format(y0))", column: column, row: row,
            center: projection.unproject(centre), projectedCenter: centre, polygon: Polygon(outer: corners))
    }

    /// Every cell that overlaps `box`, row by row from the south-west. The box is projected through its
    /// corners and edge midpoints, and cells touching that projected extent are included.
    public func cells(covering box: BoundingBox) -> [GridCell] {
        guard !box.isEmpty else { return [] }
        let samples = [0, 0.5, 1].flatMap { fx in
            [0, 0.5, 1].map { fy in GeoPoint(lon: box.minLon + box.width * fx, lat: box.minLat + box.height * fy) }
        }
        return cells(inProjectedExtentOf: samples).map { cell(column: $0.column, row: $0.row) }
    }

    /// The cells whose centre lies inside `area` (by ``MultiPolygon/contains(_:)``), row by row from the south-west.
    public func cells(inside area: MultiPolygon) -> [GridCell] {
        cells(inProjectedExtentOf: area.allPoints).compactMap { index in
            let centre = ProjectedPoint(x: (Double(index.column) + 0.5) * cellSizeMetres, y: (Double(index.row) + 0.5) * cellSizeMetres)
            return area.contains(projection.unproject(centre)) ? cell(column: index.column, row: index.row) : nil
        }
    }

    /// Column and row of every cell overlapping the projected bounding rectangle of `points`.
    private func cells(inProjectedExtentOf points: [GeoPoint]) -> [(column: Int, row: Int)] {
        let projected = points.map(projection.project)
        guard let minX = projected.map(\.x).min(), let maxX = projected.map(\.x).max(),
            let minY = projected.map(\.y).min(), let maxY = projected.map(\.y).max()
        else { return [] }
        let s = cellSizeMetres
        let columns = Int((minX / s).rounded(.down))...Int((maxX / s).rounded(.down))
        let rows = Int((minY / s).rounded(.down))...Int((maxY / s).rounded(.down))
        return rows.flatMap { row in columns.map { (column: $0, row: row) } }
    }

    /// A metre value without a trailing ".0" when whole.
    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
